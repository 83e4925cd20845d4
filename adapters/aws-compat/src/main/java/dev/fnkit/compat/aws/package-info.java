/**
 * Runs existing AWS Lambda handlers unchanged as portable fnkit functions: {@link dev.fnkit.compat.aws.AwsCompat}
 * declares a {@code RequestHandler} or {@code RequestStreamHandler} under a portable trigger, and at each invocation
 * synthesises the AWS event (and a Lambda {@code Context}) from the portable request or events, then maps the
 * handler's answer back.
 */
package dev.fnkit.compat.aws;
