package dev.fnkit.core;

import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;

import java.util.List;

/**
 * Runs a function in-process through one provider's native shapes: the portable input is turned into the event or
 * request that provider would deliver, passed through the adapter's real entry point, and the native result is turned
 * back. Each adapter provides one (listed in {@code META-INF/services/dev.fnkit.core.ProviderEmulator}); the JUnit 5
 * extension uses them to run one test through every provider.
 */
public interface ProviderEmulator {
    /** The provider whose shapes this emulates. */
    Provider provider();

    /** Sends an HTTP request as the provider's HTTP trigger would deliver it, and converts the answer back. */
    HttpResponse http(Application application, FunctionDefinition function, HttpRequest request) throws Exception;

    /** Invokes a typed function with JSON as the provider would (direct invocation or HTTP). */
    Body typed(Application application, FunctionDefinition function, Body input) throws Exception;

    /**
     * Delivers events as the provider's trigger for this function would (in one native batch where the provider
     * batches), and returns which failed. Where the provider has no per-item failure, a failed delivery reports
     * every item as failed.
     */
    BatchResult events(Application application, FunctionDefinition function, List<Event<?>> events)
            throws Exception;
}
