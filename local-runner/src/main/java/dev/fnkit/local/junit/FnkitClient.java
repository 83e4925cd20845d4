package dev.fnkit.local.junit;

import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;
import dev.fnkit.api.TraceContext;
import dev.fnkit.core.Application;
import dev.fnkit.core.EventData;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionKind;
import dev.fnkit.core.HttpDispatch;
import dev.fnkit.core.InvocationContext;
import dev.fnkit.core.Invoker;
import dev.fnkit.core.Json;
import dev.fnkit.core.ProviderEmulator;
import dev.fnkit.core.Router;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Invokes an application's functions in-process, without a network: HTTP requests through the declared routes,
 * typed inputs, single events and batches. Each call gets a fresh local {@link dev.fnkit.api.Context}; a client
 * made {@link #through(ProviderEmulator)} a provider sends everything in that provider's native shapes instead.
 */
public final class FnkitClient {
    private final Application application;
    private final HttpDispatch dispatch;
    private final ProviderEmulator emulator;

    /** A client for this application. */
    public FnkitClient(Application application) {
        this(application, null);
    }

    private FnkitClient(Application application, ProviderEmulator emulator) {
        this.application = application;
        this.emulator = emulator;
        this.dispatch = new HttpDispatch(application, (function, request) -> context(function,
                TraceContext.parse(request.header("traceparent").orElse(null),
                        request.header("tracestate").orElse(null)).orElse(null)));
    }

    /** A client for the same application that goes through this provider's native shapes and entry point. */
    public FnkitClient through(ProviderEmulator providerEmulator) {
        return new FnkitClient(application, providerEmulator);
    }

    /** The provider this client goes through: {@link Provider#LOCAL} unless made {@link #through} another. */
    public Provider provider() {
        return emulator == null ? Provider.LOCAL : emulator.provider();
    }

    /** The application under test. */
    public Application application() {
        return application;
    }

    /**
     * Sends a request through the routes, as the local runner would serve it; through a provider, a request that a
     * declared route matches goes to that provider's HTTP entry point.
     */
    public ResponseAssert http(HttpRequest request) {
        if (emulator != null && application.router().route(request.method(), request.path())
                instanceof Router.Match match) {
            try {
                return new ResponseAssert(emulator.http(application, match.function(), request));
            } catch (Exception e) {
                throw new IllegalStateException(emulator.provider() + " failed to serve " + request, e);
            }
        }
        return new ResponseAssert(dispatch.handle(request));
    }

    /** {@code GET} a path, with an optional query. */
    public ResponseAssert get(String pathAndQuery) {
        return http(HttpRequest.builder("GET", pathAndQuery).build());
    }

    /** {@code POST} JSON (a JSON string, or any value to encode) to a path. */
    public ResponseAssert post(String pathAndQuery, Object json) {
        return request("POST", pathAndQuery, Headers.of("content-type", "application/json"), jsonBody(json));
    }

    /** Sends any request. */
    public ResponseAssert request(String method, String pathAndQuery, Headers headers, Body body) {
        return http(HttpRequest.builder(method, pathAndQuery).headers(headers).body(body).build());
    }

    /** Invokes a typed function and decodes its result. */
    public <O> O typed(String function, Object input, Class<O> outputType) throws Exception {
        FunctionDefinition definition = require(function, FunctionKind.TYPED);
        Body result = emulator != null ? emulator.typed(application, definition, jsonBody(input))
                : Invoker.typedJson(definition, jsonBody(input), context(definition, null));
        return result.isEmpty() ? null : Json.decode(result.bytes(), outputType);
    }

    /**
     * Delivers one event whose data is wrapped into the function's trigger record (a JSON string, a value to encode,
     * or a {@link Body} payload); the function's exception, if any, is thrown.
     */
    public void event(String function, Object data) throws Exception {
        FunctionDefinition definition = requireEvents(function);
        event(function, EventData.wrap(definition, payload(data), "test-" + UUID.randomUUID(), Instant.now()));
    }

    /** Delivers a ready-made event. */
    public void event(String function, Event<?> event) throws Exception {
        FunctionDefinition definition = requireEvents(function);
        if (emulator == null) {
            Invoker.event(definition, event, context(definition, null));
        } else if (!emulator.events(application, definition, List.of(event)).allSucceeded()) {
            throw new IllegalStateException("Event " + event.id() + " failed on " + emulator.provider()
                    + " (the function's log says why)");
        }
    }

    /** Delivers a batch of items with ids {@code item-0}, {@code item-1}, ...; returns which failed. */
    public BatchResult batch(String function, List<?> items) throws Exception {
        FunctionDefinition definition = requireEvents(function);
        List<Event<?>> events = new ArrayList<>(items.size());
        Instant now = Instant.now();
        for (int i = 0; i < items.size(); i++) {
            events.add(EventData.wrap(definition, payload(items.get(i)), "item-" + i, now));
        }
        return emulator != null ? emulator.events(application, definition, events)
                : Invoker.batch(definition, events, context(definition, null));
    }

    private static Body payload(Object data) {
        if (data instanceof Body body) {
            return body;
        }
        return jsonBody(data);
    }

    private static Body jsonBody(Object json) {
        if (json == null) {
            return Body.EMPTY;
        }
        if (json instanceof String text) {
            return Body.of(text);
        }
        return Body.of(Json.encode(json));
    }

    private FunctionDefinition require(String name, FunctionKind kind) {
        FunctionDefinition definition = application.function(name).orElseThrow(() ->
                new IllegalArgumentException("No function named '" + name + "'; the application has "
                        + application.functions().stream().map(FunctionDefinition::name).toList()));
        if (definition.kind() != kind) {
            throw new IllegalArgumentException("Function '" + name + "' is " + definition.kind() + ", not " + kind);
        }
        return definition;
    }

    private FunctionDefinition requireEvents(String name) {
        FunctionDefinition definition = application.function(name).orElseThrow(() ->
                new IllegalArgumentException("No function named '" + name + "'"));
        if (!definition.consumesEvents()) {
            throw new IllegalArgumentException("Function '" + name + "' is " + definition.kind()
                    + " and takes no events");
        }
        return definition;
    }

    private static InvocationContext context(FunctionDefinition function, TraceContext trace) {
        return InvocationContext.builder().requestId("test-" + UUID.randomUUID()).functionName(function.name())
                .deadline(Instant.now().plus(function.options().timeout())).provider(Provider.LOCAL)
                .trace(trace).coldStart(false).build();
    }

}
