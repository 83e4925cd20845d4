/**
 * The instance side of the self-hosted runtime: the {@link dev.fnkit.selfhosted.worker.Worker} process that serves
 * one function (a JVM function of an application's jars, or an executable run per request) and the protocol it
 * speaks with the gateway.
 */
package dev.fnkit.selfhosted.worker;
