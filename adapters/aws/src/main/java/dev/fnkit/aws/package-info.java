/**
 * Runs portable fnkit functions on AWS Lambda and packages them for it.
 *
 * <p>{@link dev.fnkit.aws.FnkitLambda} is the Lambda handler of every application
 * ({@code dev.fnkit.aws.FnkitLambda::handleRequest}, function chosen by {@code FNKIT_FUNCTION});
 * {@link dev.fnkit.aws.AwsPackager} writes {@code target/fnkit/aws/function.zip} and {@code template.yaml};
 * {@link dev.fnkit.aws.AwsEmulator} runs functions in-process through Lambda's native event shapes for tests.
 */
package dev.fnkit.aws;
