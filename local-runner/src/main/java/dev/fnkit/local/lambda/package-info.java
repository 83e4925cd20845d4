/**
 * A local AWS Lambda Runtime API: a real Lambda runtime (such as the AWS runtime interface client running
 * {@code dev.fnkit.aws.FnkitLambda}) pointed at it with {@code AWS_LAMBDA_RUNTIME_API} serves the invocations sent to
 * its invoke endpoint. Entry point: {@link dev.fnkit.local.lambda.LambdaRuntimeApiEmulator}.
 */
package dev.fnkit.local.lambda;
