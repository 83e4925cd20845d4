package dev.fnkit.selfhosted.edge;

/** A token bucket: {@code rate} tokens a second up to {@code burst}, starting full. Never blocks but for its lock. */
final class TokenBucket {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(RateLimit limit, long nowNanos) {
        this.perNano = limit.perSecond() / 1e9;
        this.burst = limit.burst();
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes a token: 0 when one was taken, else the nanoseconds until one is there. */
    synchronized long take(long nowNanos) {
        if (nowNanos > last) {
            tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
            last = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }

    /** Whole seconds to wait for {@code nanos}, at least 1: the value of {@code Retry-After}. */
    static long retryAfterSeconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
