package dev.fnkit.selfhosted;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The scaling decision of one function, after Knative's KPA, as a pure function of the concurrency samples it was
 * given and the times it is asked at (epoch milliseconds): no clock, no threads. See {@link Autoscaling} for the
 * model. Not thread-safe: the autoscaler calls it under the function's lock.
 */
final class KpaDecider {
    private record Sample(long start, long end, double concurrency) {
    }

    private final Autoscaling settings;
    private final double target;
    private final int minInstances;
    private final int maxInstances;
    private int held;
    private long heldUntil;
    private String heldReason;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private long panicSince = -1;
    private long overThresholdAt = -1;
    private int maxPanicInstances;
    private long zeroWantedSince = -1;

    /**
     * @param settings     the autoscaler settings
     * @param concurrency  the function's hard limit of requests per instance
     * @param minInstances the fewest instances
     * @param maxInstances the most instances, 0 for no limit
     * @param now          when the function was deployed
     */
    KpaDecider(Autoscaling settings, int concurrency, int minInstances, int maxInstances, long now) {
        this.settings = settings;
        this.target = Math.max(0.01, concurrency * settings.targetUtilization());
        this.minInstances = minInstances;
        this.maxInstances = maxInstances;
        hold(settings.initialScale(), now, "initial-scale");
    }

    /** Keeps at least {@code instances} for one stable window from {@code now} (initial or manual scale). */
    void hold(int instances, long now, String reason) {
        this.held = instances;
        this.heldUntil = now + settings.stableWindow().toMillis();
        this.heldReason = reason;
    }

    /** The target concurrency per instance. */
    double target() {
        return target;
    }

    /** Records the average concurrency from {@code start} to {@code end}. */
    void record(long start, long end, double concurrency) {
        if (end <= start) {
            end = start + 1;
        }
        samples.addLast(new Sample(start, end, concurrency));
        long horizon = end - settings.stableWindow().toMillis();
        while (!samples.isEmpty() && samples.peekFirst().end() <= horizon) {
            samples.removeFirst();
        }
    }

    /** The instances wanted now, given how many are ready and how many exist (ready or starting). */
    ScaleDecision decide(long now, int readyInstances, int currentInstances) {
        double stable = average(now, settings.stableWindow().toMillis());
        double panic = average(now, settings.panicWindow().toMillis());
        double ready = Math.max(1, readyInstances);
        double maxUp = Math.ceil(settings.maxScaleUpRate() * ready);
        double maxDown = Math.floor(ready / settings.maxScaleDownRate());
        double stableWanted = Math.ceil(stable / target);
        double panicWanted = Math.ceil(panic / target);
        int stableDesired = (int) Math.min(Math.max(stableWanted, maxDown), maxUp);
        int panicDesired = (int) Math.min(Math.max(panicWanted, maxDown), maxUp);

        boolean over = panicWanted / ready >= settings.panicThreshold();
        if (over) {
            if (panicSince < 0) {
                panicSince = now;
            }
            overThresholdAt = now;
        } else if (panicSince >= 0 && now - overThresholdAt >= settings.stableWindow().toMillis()) {
            panicSince = -1;
            maxPanicInstances = 0;
        }
        int desired;
        String reason;
        if (panicSince >= 0) {
            maxPanicInstances = Math.max(maxPanicInstances, Math.max(panicDesired, currentInstances));
            desired = maxPanicInstances;
            reason = "panic";
        } else {
            desired = stableDesired;
            reason = "stable";
        }
        if (now < heldUntil && desired < held) {
            desired = held;
            reason = heldReason;
        }
        if (desired < minInstances) {
            desired = minInstances;
            reason = "min-instances";
        }
        if (maxInstances > 0 && desired > maxInstances) {
            desired = maxInstances;
            reason = "max-instances";
        }
        if (desired > 0) {
            zeroWantedSince = -1;
        } else if (currentInstances > 0) {
            if (zeroWantedSince < 0) {
                zeroWantedSince = now;
            }
            if (now - zeroWantedSince < settings.scaleToZeroGrace().toMillis()) {
                desired = 1;
                reason = "scale-to-zero-grace";
            } else {
                reason = "scale-to-zero";
            }
        }
        return new ScaleDecision(desired, reason, panicSince >= 0, stable, panic);
    }

    /** The time-weighted average concurrency over the part of the last {@code window} that has samples. */
    private double average(long now, long window) {
        long from = now - window;
        double weighted = 0;
        long covered = 0;
        for (Sample sample : samples) {
            long start = Math.max(sample.start(), from);
            long end = Math.min(sample.end(), now);
            if (end > start) {
                weighted += sample.concurrency() * (end - start);
                covered += end - start;
            }
        }
        return covered == 0 ? 0 : weighted / covered;
    }
}
