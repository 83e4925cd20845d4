/** Spring Cloud Function's AWS adapter as a benchmark peer of fnkit-aws. */
package dev.fnkit.benchmarks.scf.aws;
