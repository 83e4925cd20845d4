package dev.fnkit.gcp;

import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Application;
import io.cloudevents.CloudEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The GCP entry points over in-memory requests and SDK CloudEvents, for the fuzz tests in {@code dev.fnkit.gcp.fuzz}. */
public final class FuzzEntryPoints {
    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());
    private static final Map<String, String> ENVIRONMENT = Map.of("GOOGLE_CLOUD_PROJECT", "test-project");

    private FuzzEntryPoints() {
    }

    /** Serves a request through {@link FnkitHttpFunction#service}. */
    public static HttpResponse http(Application application, String function, String method, String uri,
                                    Map<String, List<String>> headers, byte[] body) throws IOException {
        MemoryHttpResponse response = new MemoryHttpResponse();
        new FnkitHttpFunction(GcpRuntime.of(application, function, ENVIRONMENT), DISCARD)
                .service(new MemoryHttpRequest(method, uri, headers, body), response);
        return response.toPortable();
    }

    /** Delivers an event through {@link FnkitCloudEventsFunction}; null when it succeeded, else the failure. */
    public static Throwable deliver(Application application, String function, CloudEvent event) {
        return new FnkitCloudEventsFunction(GcpRuntime.of(application, function, ENVIRONMENT), DISCARD)
                .deliver(event);
    }
}
