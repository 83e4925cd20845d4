/**
 * Every trigger kind of the self-hosted runtime: schedules fired from the runtime, queues, topics, streams and change
 * records published over HTTP, and storage buckets watched as local directories. Each event becomes a journaled call
 * of the async package, so triggers share its durability, retries and dead letters.
 */
package dev.fnkit.selfhosted.triggers;
