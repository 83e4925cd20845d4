/**
 * The fnkit local runner: the {@code fnkit} CLI ({@link dev.fnkit.local.FnkitCli}), the runner it starts
 * ({@link dev.fnkit.local.LocalServer}) and the Netty HTTP server underneath ({@link dev.fnkit.local.NettyHttpServer}),
 * which the self-hosted runtime shares.
 */
package dev.fnkit.local;
