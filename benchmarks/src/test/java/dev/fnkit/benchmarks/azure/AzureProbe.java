package dev.fnkit.benchmarks.azure;

import com.microsoft.azure.functions.HttpResponseMessage;

/** One invocation of a side of {@link AzureBenchmark}. */
public final class AzureProbe {
    private AzureProbe() {
    }

    /** What {@code side} ({@code fnkit} or {@code bare}) answers to {@code GET /api/hello/Ada}. */
    public static HttpResponseMessage answer(String side) throws Exception {
        AzureBenchmark benchmark = new AzureBenchmark();
        return "fnkit".equals(side) ? benchmark.fnkit() : benchmark.bare();
    }
}
