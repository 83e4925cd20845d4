/**
 * Packaging for Kubernetes (target {@code kubernetes}): an OCI image built with Jib and Knative / plain Kubernetes
 * manifests built with the fabric8 models; {@link dev.fnkit.kubernetes.ContainerServer} is the image's entry point.
 */
package dev.fnkit.kubernetes;
