package dev.fnkit.benchmarks.gcp;

/** One invocation of a side of {@link GcpBenchmark}. */
public final class GcpProbe {
    private GcpProbe() {
    }

    private static GcpBenchmark benchmark(String event) {
        GcpBenchmark benchmark = new GcpBenchmark();
        benchmark.event = event;
        benchmark.setUp();
        return benchmark;
    }

    /** The body {@code side} ({@code fnkit} or {@code bare}) answers to {@code POST /hello}. */
    public static byte[] http(String side) throws Exception {
        GcpBenchmark benchmark = benchmark("http");
        return (byte[]) ("fnkit".equals(side) ? benchmark.fnkit() : benchmark.bare());
    }

    /** The greeting {@code side} made for the Pub/Sub CloudEvent. */
    public static String pubSub(String side) throws Exception {
        GcpBenchmark benchmark = benchmark("pubsub");
        return (String) ("fnkit".equals(side) ? benchmark.fnkit() : benchmark.bare());
    }
}
