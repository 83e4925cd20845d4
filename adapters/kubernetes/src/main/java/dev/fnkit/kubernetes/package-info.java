/**
 * Packaging for Kubernetes (target {@code kubernetes}): an OCI image built with Jib and Knative / plain Kubernetes
 * manifests built with the fabric8 models; the self-hosted worker in container mode
 * ({@link dev.fnkit.selfhosted.worker.ContainerMode}) is the image's entry point.
 */
package dev.fnkit.kubernetes;
