package dev.fnkit.selfhosted.async;

/**
 * What became of one delivery attempt.
 *
 * @param id       the call id
 * @param outcome  done, to be retried, or dead-lettered
 * @param attempts deliveries tried so far, this one included
 * @param status   the function's HTTP status; 0 when no instance answered
 * @param error    why it failed; null when it did not
 * @param at       when it happened, or for a retry when it is due, epoch milliseconds
 */
public record Settlement(String id, Outcome outcome, int attempts, int status, String error, long at) {
    /** What a delivery attempt leaves a call as. */
    public enum Outcome {
        /** Delivered and answered; never delivered again. */
        DONE,
        /** Delivered again when due. */
        RETRY,
        /** Kept in the dead letters until it is redriven. */
        DEAD
    }
}
