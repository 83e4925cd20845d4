package dev.fnkit.selfhosted;

/**
 * The time-weighted average number of requests in flight (buffered or at an instance) between two samples, exact
 * rather than sampled: every change adds the time spent at the previous level. Not thread-safe: used under the
 * function's lock.
 */
final class ConcurrencyMeter {
    private long level;
    private long lastChange;
    private long sampleStart;
    private double area;

    ConcurrencyMeter(long now) {
        this.lastChange = now;
        this.sampleStart = now;
    }

    long level() {
        return level;
    }

    void add(long now, int delta) {
        advance(now);
        level += delta;
    }

    /** The average since the previous sample (the current level when no time passed); starts the next one. */
    double sample(long now) {
        advance(now);
        long span = now - sampleStart;
        double average = span <= 0 ? level : area / span;
        area = 0;
        sampleStart = now;
        return average;
    }

    long sampleStart() {
        return sampleStart;
    }

    private void advance(long now) {
        if (now > lastChange) {
            area += (double) level * (now - lastChange);
            lastChange = now;
        }
    }
}
