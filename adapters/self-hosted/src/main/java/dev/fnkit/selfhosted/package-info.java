/**
 * The self-hosted runtime: the {@link dev.fnkit.selfhosted.Gateway} (routing, buffering, load balancing, the admin
 * API, metrics), its per-function pools of instance processes, the KPA-style autoscaler, bundles and their
 * {@link dev.fnkit.selfhosted.SelfHostedPackager}, and the {@code fnkit serve}, {@code functions}, {@code scale} and
 * {@code deploy} commands ({@link dev.fnkit.selfhosted.SelfHostedCommands}).
 */
package dev.fnkit.selfhosted;
