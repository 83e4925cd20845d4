package dev.fnkit.gcp;

import dev.fnkit.api.Body;
import dev.fnkit.api.Context;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Route;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.CloudEventsHttp;
import dev.fnkit.core.Errors;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.HttpDispatch;
import dev.fnkit.core.InvocationContext;
import dev.fnkit.core.Invoker;
import dev.fnkit.core.Problem;
import dev.fnkit.core.Router;
import io.cloudevents.CloudEvent;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Serves one HTTP request to the instance's function. HTTP functions are routed by their own declared routes (GCF
 * hands every path to the one deployed function; a path is also tried under {@code /<function>}, since a
 * {@code cloudfunctions.net/<function>/...} URL reaches the function without that prefix). Typed functions take
 * {@code POST} with JSON. Event functions take CloudEvents in binary or structured mode, and schedule functions
 * Cloud Scheduler's HTTP requests. Every error is a problem+json response.
 */
final class HttpHandler {
    private final GcpRuntime runtime;
    private final GcpContexts contexts;
    private final FunctionDefinition function;

    HttpHandler(GcpRuntime runtime, GcpContexts contexts) {
        this.runtime = runtime;
        this.contexts = contexts;
        this.function = runtime.function();
    }

    void service(com.google.cloud.functions.HttpRequest nativeRequest,
                 com.google.cloud.functions.HttpResponse nativeResponse) throws IOException {
        Headers headers = GcpRequests.headers(nativeRequest);
        InvocationContext context = contexts.http(headers, nativeRequest, nativeResponse);
        HttpResponse response;
        try {
            HttpRequest request = GcpRequests.read(nativeRequest, headers);
            response = switch (function.kind()) {
                case HTTP -> http(request, context);
                case TYPED -> typed(request, context);
                case EVENT, BATCH -> event(request, context);
            };
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            response = Errors.response(e, context);
        }
        GcpResponses.write(response, nativeResponse);
    }

    private HttpResponse http(HttpRequest request, Context context) {
        Router.Result route = runtime.router().route(request.method(), request.path());
        if (route instanceof Router.NotFound) {
            String prefixed = "/" + function.name() + (request.path().equals("/") ? "" : request.path());
            route = runtime.router().route(request.method(), prefixed);
        }
        if (route instanceof Router.Match match) {
            HttpRequest routed = match.pathParameters().isEmpty() ? request
                    : request.toBuilder().pathParameters(match.pathParameters()).build();
            return Invoker.http(function, routed, context);
        }
        if (route instanceof Router.MethodNotAllowed notAllowed) {
            String allow = String.join(", ", new TreeSet<>(notAllowed.allowed()));
            return new Problem(405, "method-not-allowed", request.method() + " is not allowed on " + request.path()
                    + "; allowed: " + allow, context.requestId()).toResponse(Headers.of("allow", allow));
        }
        return new Problem(404, "not-found", "Function '" + function.name() + "' serves no route for "
                + request.method() + " " + request.path() + "; its routes: " + function.routes().stream()
                .map(HttpHandler::describe).collect(Collectors.joining(", ")),
                context.requestId()).toResponse();
    }

    private HttpResponse typed(HttpRequest request, Context context) throws Exception {
        if (!"POST".equals(request.method())) {
            return new Problem(405, "method-not-allowed", "Function '" + function.name() + "' takes POST with a"
                    + " JSON body, not " + request.method(), context.requestId()).toResponse(Headers.of("allow",
                    "POST"));
        }
        if (request.contentType().filter(type -> !HttpDispatch.isJsonType(type)).isPresent()) {
            throw new FunctionException(415, "unsupported-media-type", "Function '" + function.name()
                    + "' takes application/json, not " + request.contentType().get());
        }
        Body result = Invoker.typedJson(function, request.body(), context);
        return result.isEmpty() ? HttpResponse.noContent()
                : HttpResponse.builder().contentType("application/json").body(result).build();
    }

    private HttpResponse event(HttpRequest request, Context context) throws Exception {
        boolean schedule = function.trigger() instanceof Trigger.Schedule;
        Event<?> event;
        if (schedule && SchedulerEvents.isSchedulerRequest(request.headers())) {
            event = SchedulerEvents.fromHttp(function.name(), request.headers(), request.body(), context.requestId(),
                    Instant.now());
        } else if (CloudEventsHttp.isCloudEvent(request.headers())) {
            CloudEvent cloudEvent = CloudEventsHttp.read(request.headers(), request.body())
                    .nativeEvent(CloudEvent.class)
                    .orElseThrow(() -> new IllegalStateException("CloudEventsHttp returned no native CloudEvent"));
            event = GcpEvents.toEvent(function, cloudEvent, Instant.now());
        } else {
            throw new FunctionException(415, "unsupported-media-type", "Function '" + function.name() + "' is an "
                    + function.kind().name().toLowerCase(Locale.ROOT) + " function: send it a CloudEvent (binary or"
                    + " structured mode)" + (schedule ? " or a Cloud Scheduler request" : "") + ", or deploy it with"
                    + " --entry-point " + FnkitCloudEventsFunction.NAME);
        }
        EventHandler.invoke(function, event, context);
        return HttpResponse.noContent();
    }

    private static String describe(Route route) {
        return (route.anyMethod() ? "" : route.method() + " ") + route.template();
    }
}
