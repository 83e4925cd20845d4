package dev.fnkit.gcp;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.fnkit.core.Application;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Objects;

/**
 * The Google Cloud Functions entry point for HTTP and typed functions ({@code --entry-point
 * dev.fnkit.gcp.FnkitHttpFunction}). It serves the function named by env {@code FNKIT_FUNCTION}, or the application's
 * only function; the application is found and initialized once per instance. Event functions served here take
 * CloudEvents over HTTP, and schedule functions Cloud Scheduler's HTTP requests.
 */
public final class FnkitHttpFunction implements HttpFunction {
    /** This class's name, for deploy commands that must not load it (its interface is provided by the runtime). */
    static final String NAME = "dev.fnkit.gcp.FnkitHttpFunction";

    private final HttpHandler handler;

    /**
     * Used by the Functions Framework.
     *
     * @throws IllegalStateException when the application cannot be loaded, the function is missing or ambiguous, or
     *                               the application fails to initialize
     */
    public FnkitHttpFunction() {
        this(GcpRuntime.fromEnvironment());
    }

    FnkitHttpFunction(GcpRuntime runtime) {
        this(runtime, System.out);
    }

    FnkitHttpFunction(GcpRuntime runtime, PrintStream logs) {
        this.handler = new HttpHandler(runtime, new GcpContexts(runtime, logs));
    }

    /**
     * An entry point for one function of an application that is already loaded, for embedding and benchmarks: no
     * class path scanning, no environment lookup of the function.
     *
     * @param application the application
     * @param function    the function's name, or null for the application's only function
     */
    public static FnkitHttpFunction of(Application application, String function) {
        return new FnkitHttpFunction(GcpRuntime.of(Objects.requireNonNull(application, "application"), function,
                System.getenv()));
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws IOException {
        handler.service(request, response);
    }
}
