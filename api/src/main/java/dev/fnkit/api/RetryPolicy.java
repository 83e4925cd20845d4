package dev.fnkit.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how soon a failed event is retried, where the platform lets the function say (Azure {@code retry},
 * Lambda async retries, the self-hosted runtime). Queue-driven retries follow the queue's own redrive settings.
 *
 * @param maxRetries retries after the first attempt; 0 means none
 * @param minDelay   delay before the first retry
 * @param maxDelay   the longest delay; equal to {@code minDelay} for a fixed delay, longer for exponential backoff
 */
public record RetryPolicy(int maxRetries, Duration minDelay, Duration maxDelay) {
    public RetryPolicy {
        Objects.requireNonNull(minDelay, "minDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException("retry delays must satisfy 0 <= minDelay <= maxDelay");
        }
    }

    /** Never retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO);
    }

    /** Retry with the same delay each time. */
    public static RetryPolicy fixed(int maxRetries, Duration delay) {
        return new RetryPolicy(maxRetries, delay, delay);
    }

    /** Retry with a delay that doubles from {@code minDelay} up to {@code maxDelay}. */
    public static RetryPolicy exponential(int maxRetries, Duration minDelay, Duration maxDelay) {
        return new RetryPolicy(maxRetries, minDelay, maxDelay);
    }

    public boolean exponential() {
        return maxDelay.compareTo(minDelay) > 0;
    }
}
