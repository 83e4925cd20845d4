package dev.fnkit.selfhosted.async;

/**
 * A call the journal holds durably.
 *
 * @param id        its call id
 * @param duplicate true when an earlier call with the same idempotency key was found instead of storing a new one
 */
public record Accepted(String id, boolean duplicate) {
}
