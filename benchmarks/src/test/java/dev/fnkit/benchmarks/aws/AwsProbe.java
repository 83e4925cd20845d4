package dev.fnkit.benchmarks.aws;

import java.nio.charset.StandardCharsets;

/** One invocation of a side of {@link AwsBenchmark}. */
public final class AwsProbe {
    private AwsProbe() {
    }

    /** What {@code side} ({@code fnkit} or {@code floor}) answers to the event file. */
    public static String answer(String event, String side) throws Exception {
        AwsBenchmark benchmark = new AwsBenchmark();
        benchmark.event = event;
        benchmark.setUp();
        byte[] out = "fnkit".equals(side) ? benchmark.fnkit() : benchmark.floor();
        return new String(out, StandardCharsets.UTF_8);
    }
}
