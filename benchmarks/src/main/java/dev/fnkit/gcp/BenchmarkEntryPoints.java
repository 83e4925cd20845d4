package dev.fnkit.gcp;

import com.google.cloud.functions.CloudEventsFunction;
import dev.fnkit.core.Application;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * fnkit's CloudEvents entry point over an application built by hand, for the benchmarks (the public constructor
 * loads the application from the environment, which a benchmark cannot set). Its logs are discarded.
 */
public final class BenchmarkEntryPoints {
    private BenchmarkEntryPoints() {
    }

    /** {@link FnkitCloudEventsFunction} serving one event function of the application. */
    public static CloudEventsFunction cloudEvents(Application application, String function) {
        return new FnkitCloudEventsFunction(GcpRuntime.of(application, function, Map.of()),
                new PrintStream(OutputStream.nullOutputStream()));
    }
}
