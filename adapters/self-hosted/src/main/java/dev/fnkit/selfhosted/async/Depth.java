package dev.fnkit.selfhosted.async;

/**
 * How many calls the journal holds, by state.
 *
 * @param pending waiting for delivery (or for their next attempt)
 * @param leased  being delivered
 * @param dead    dead letters
 */
public record Depth(long pending, long leased, long dead) {
}
