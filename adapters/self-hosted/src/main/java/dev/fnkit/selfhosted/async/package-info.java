/**
 * Durable asynchronous invocations of the self-hosted runtime: a journal that stores every accepted call before it
 * is acknowledged, a dispatcher that delivers calls to function instances with retries and dead letters, and the
 * HTTP endpoints that accept calls and manage dead letters.
 */
package dev.fnkit.selfhosted.async;
