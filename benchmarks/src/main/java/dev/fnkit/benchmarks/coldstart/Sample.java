package dev.fnkit.benchmarks.coldstart;

import java.time.Duration;

/**
 * One cold start: wall-clock milliseconds from starting the JVM to the first response, and the CPU milliseconds the
 * JVM had used by then (all its threads; less disturbed than the wall clock when the machine is busy).
 */
record Sample(double millis, double cpuMillis) {
    static Sample of(long startNanos, Process process) {
        double millis = (System.nanoTime() - startNanos) / 1e6;
        double cpu = process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L) / 1e6;
        return new Sample(millis, cpu);
    }
}
