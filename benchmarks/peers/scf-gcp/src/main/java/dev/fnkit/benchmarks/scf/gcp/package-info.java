/** Spring Cloud Function's GCP adapter as a benchmark peer of fnkit-gcp. */
package dev.fnkit.benchmarks.scf.gcp;
