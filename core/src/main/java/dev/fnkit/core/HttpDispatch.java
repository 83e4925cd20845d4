package dev.fnkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Body;
import dev.fnkit.api.Context;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.Trigger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Serves an application over plain HTTP, as the local runner and the self-hosted runtime do: declared routes go to
 * HTTP functions; {@code POST /{name}} invokes a typed function with JSON, delivers an event (a CloudEvent in binary
 * or structured mode, or plain data wrapped into the trigger's record) or a batch (a JSON array). Every error is a
 * problem+json response.
 */
public final class HttpDispatch {
    /** Creates the context for one invocation. */
    @FunctionalInterface
    public interface ContextFactory {
        Context create(FunctionDefinition function, HttpRequest request);
    }

    private final Application app;
    private final ContextFactory contexts;

    public HttpDispatch(Application app, ContextFactory contexts) {
        this.app = app;
        this.contexts = contexts;
    }

    public Application application() {
        return app;
    }

    /** Who serves a request in this application, found by {@link #resolve}. */
    public sealed interface Target {
    }

    /** A declared route of an HTTP function. */
    public record RouteTarget(Router.Match match) implements Target {
    }

    /** A typed, event or batch function invoked by name with {@code POST /{name}}. */
    public record NamedTarget(FunctionDefinition function) implements Target {
    }

    /** No function: a 405 when {@code allowedMethods} is not empty, otherwise a 404. */
    public record NoTarget(Set<String> allowedMethods) implements Target {
    }

    /** Routes and serves one request. */
    public HttpResponse handle(HttpRequest request) {
        Target target;
        try {
            target = resolve(request);
        } catch (FunctionException e) {
            return new Problem(e.status(), e.code(), e.getMessage(), null).toResponse();
        }
        return serve(request, target);
    }

    /**
     * Finds who serves a request: a matching route first, then a non-HTTP function named by the path.
     *
     * @throws FunctionException 400 when the path has a malformed percent escape
     */
    public Target resolve(HttpRequest request) {
        Router.Result route = app.router().route(request.method(), request.path());
        if (route instanceof Router.Match match) {
            return new RouteTarget(match);
        }
        FunctionDefinition byName = invocable(request.path());
        if (byName != null) {
            return new NamedTarget(byName);
        }
        return new NoTarget(route instanceof Router.MethodNotAllowed notAllowed ? notAllowed.allowed() : Set.of());
    }

    /** Serves a request with what {@link #resolve} found. */
    public HttpResponse serve(HttpRequest request, Target target) {
        if (target instanceof RouteTarget route) {
            Router.Match match = route.match();
            HttpRequest routed = match.pathParameters().isEmpty() ? request
                    : request.toBuilder().pathParameters(match.pathParameters()).build();
            return Invoker.http(match.function(), routed, contexts.create(match.function(), routed));
        }
        if (target instanceof NamedTarget named) {
            return invoke(named.function(), request);
        }
        Set<String> allowed = ((NoTarget) target).allowedMethods();
        return allowed.isEmpty() ? Problem.notFound(request.method(), request.path())
                : Problem.methodNotAllowed(request.method(), request.path(), allowed);
    }

    /**
     * Invokes a function by name with this request: HTTP functions get it as is, other kinds as described on the
     * class.
     */
    public HttpResponse invoke(FunctionDefinition function, HttpRequest request) {
        if (function.kind() == dev.fnkit.core.FunctionKind.HTTP) {
            return Invoker.http(function, request, contexts.create(function, request));
        }
        if (!"POST".equals(request.method())) {
            return Problem.methodNotAllowed(request.method(), request.path(), Set.of("POST"));
        }
        Context context = contexts.create(function, request);
        try {
            return switch (function.kind()) {
                case TYPED -> typed(function, request, context);
                case EVENT, BATCH -> events(function, request, context);
                case HTTP -> throw new IllegalStateException("unreachable");
            };
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            return Errors.response(e, context);
        }
    }

    private FunctionDefinition invocable(String path) {
        if (path.length() < 2 || path.indexOf('/', 1) >= 0 && path.indexOf('/', 1) != path.length() - 1) {
            return null;
        }
        String name = path.substring(1, path.endsWith("/") ? path.length() - 1 : path.length());
        return app.function(name).filter(f -> f.kind() != FunctionKind.HTTP).orElse(null);
    }

    private static HttpResponse typed(FunctionDefinition function, HttpRequest request, Context context)
            throws Exception {
        requireJson(request, function);
        Body result = Invoker.typedJson(function, request.body(), context);
        if (result.isEmpty()) {
            return HttpResponse.noContent();
        }
        return HttpResponse.builder().contentType("application/json").body(result).build();
    }

    private static HttpResponse events(FunctionDefinition function, HttpRequest request, Context context)
            throws Exception {
        Instant now = Instant.now();
        if (CloudEventsHttp.isCloudEvent(request.headers())) {
            Event<Body> cloudEvent = CloudEventsHttp.read(request.headers(), request.body());
            Invoker.event(function, adopt(function, cloudEvent, now), context);
            return HttpResponse.noContent();
        }
        boolean payloadTrigger = EventData.hasPayload(function.trigger());
        if (!isJson(request) && !(payloadTrigger && request.contentType().isPresent())) {
            requireJson(request, function);
        }
        if (isJson(request) && startsWithArray(request.body())) {
            JsonNode array = Json.tree(request.body().bytes());
            List<Event<?>> events = new ArrayList<>(array.size());
            int index = 0;
            for (JsonNode item : array) {
                Body data = item.isTextual() && payloadTrigger ? Body.of(item.asText()) : Body.of(Json.encode(item));
                events.add(EventData.wrap(function, data, context.requestId() + "-" + index++, now));
            }
            BatchResult result = Invoker.batch(function, events, context);
            return HttpResponse.builder().json(result);
        }
        if (!payloadTrigger && !(function.trigger() instanceof Trigger.Schedule)) {
            Json.tree(request.body().bytes());
        }
        Invoker.event(function, EventData.wrap(function, request.body(), context.requestId(), now), context);
        return HttpResponse.noContent();
    }

    /**
     * A CloudEvent that arrived over HTTP, carrying its data wrapped into the function's trigger record; a stream
     * record takes its partition key from the CloudEvents partitioning extension ({@code partitionkey}) when set.
     */
    private static Event<?> adopt(FunctionDefinition function, Event<Body> cloudEvent, Instant now) {
        Event<?> wrapped = EventData.wrap(function, cloudEvent.rawData(), cloudEvent.id(),
                cloudEvent.time().map(Instant::from).orElse(now));
        Object data = wrapped.data();
        if (data instanceof StreamRecord record && cloudEvent.extensions().get("partitionkey") instanceof String key) {
            data = new StreamRecord(record.stream(), key, record.sequenceNumber(), record.data(), record.arrivedAt(),
                    record.shard());
        }
        return cloudEvent.withData(data);
    }

    private static boolean startsWithArray(Body body) {
        for (byte b : body.bytes()) {
            if (b == '[') {
                return true;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return false;
    }

    private static boolean isJson(HttpRequest request) {
        return request.contentType().map(HttpDispatch::isJsonType).orElse(true);
    }

    /** True for {@code application/json}, {@code text/json} and any {@code +json} type. */
    public static boolean isJsonType(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon);
        }
        type = type.trim();
        return type.equals("application/json") || type.equals("text/json") || type.endsWith("+json");
    }

    private static void requireJson(HttpRequest request, FunctionDefinition function) {
        if (!isJson(request)) {
            throw new FunctionException(415, "unsupported-media-type", "Function '" + function.name()
                    + "' takes application/json, not " + request.contentType().orElse(""));
        }
    }

}
