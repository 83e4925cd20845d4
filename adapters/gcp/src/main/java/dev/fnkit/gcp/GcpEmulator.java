package dev.fnkit.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;
import dev.fnkit.core.Application;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.Json;
import dev.fnkit.core.ProviderEmulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs functions in-process as Google Cloud Functions would: HTTP and typed requests through
 * {@link FnkitHttpFunction} with in-memory Functions Framework requests and responses, events as the CloudEvents GCP
 * delivers through {@link FnkitCloudEventsFunction}. Pub/Sub delivers one message per invocation, so each event is
 * its own delivery and reports its own failure.
 */
public final class GcpEmulator implements ProviderEmulator {
    static final String PROJECT = "fnkit-emulator";

    /** Used by {@link java.util.ServiceLoader}. */
    public GcpEmulator() {
    }

    @Override
    public Provider provider() {
        return Provider.GOOGLE_CLOUD_FUNCTIONS;
    }

    @Override
    public HttpResponse http(Application application, FunctionDefinition function, HttpRequest request)
            throws IOException {
        return serve(application, function, MemoryHttpRequest.of(request));
    }

    /**
     * @throws FunctionException with the problem's status, code and detail when the function answers with an error
     */
    @Override
    public Body typed(Application application, FunctionDefinition function, Body input) throws IOException {
        HttpResponse response = serve(application, function, new MemoryHttpRequest("POST", "/" + function.name(),
                Map.of("Content-Type", List.of("application/json")), input.bytes()));
        if (response.status() >= 400) {
            throw problem(response);
        }
        return response.body();
    }

    @Override
    public BatchResult events(Application application, FunctionDefinition function, List<Event<?>> events) {
        FnkitCloudEventsFunction entryPoint = new FnkitCloudEventsFunction(runtime(application, function));
        List<String> failed = new ArrayList<>();
        for (Event<?> event : events) {
            if (entryPoint.deliver(EmulatedEvents.toCloudEvent(function, event, PROJECT)) != null) {
                failed.add(event.id());
            }
        }
        return BatchResult.failed(failed);
    }

    private static HttpResponse serve(Application application, FunctionDefinition function,
                                      MemoryHttpRequest request) throws IOException {
        MemoryHttpResponse response = new MemoryHttpResponse();
        new FnkitHttpFunction(runtime(application, function)).service(request, response);
        return response.toPortable();
    }

    private static GcpRuntime runtime(Application application, FunctionDefinition function) {
        return GcpRuntime.of(application, function.name(), Map.of("GOOGLE_CLOUD_PROJECT", PROJECT));
    }

    private static FunctionException problem(HttpResponse response) {
        int status = response.status() > 599 ? 500 : response.status();
        try {
            JsonNode problem = Json.tree(response.body().bytes());
            return new FunctionException(status, problem.path("code").asText("http-" + status),
                    problem.path("detail").asText(response.bodyText()));
        } catch (FunctionException e) {
            return new FunctionException(status, "http-" + status, response.bodyText());
        }
    }
}
