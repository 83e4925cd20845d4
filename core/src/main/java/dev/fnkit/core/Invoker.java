package dev.fnkit.core;

import dev.fnkit.api.BatchFunction;
import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Body;
import dev.fnkit.api.Context;
import dev.fnkit.api.Event;
import dev.fnkit.api.EventFunction;
import dev.fnkit.api.HttpFunction;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.TypedFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * Calls portable functions with plain method calls (no reflection): HTTP requests, typed JSON invocations, single
 * events and batches. HTTP errors become problem+json responses; event failures propagate so the platform retries,
 * and batches report only their failed items.
 */
public final class Invoker {
    private Invoker() {
    }

    /** Runs an HTTP function; any failure becomes the problem+json response, logged once. */
    public static HttpResponse http(FunctionDefinition function, HttpRequest request, Context context) {
        try {
            HttpResponse response = ((HttpFunction) function.function()).handle(request, context);
            if (response == null) {
                context.logger().error("Function returned null instead of an HttpResponse");
                return Errors.internal(context.requestId()).toResponse();
            }
            return response;
        } catch (Throwable e) {
            rethrowFatal(e);
            return Errors.response(e, context);
        }
    }

    /** Runs a typed function on a decoded input. */
    @SuppressWarnings("unchecked")
    public static Object typed(FunctionDefinition function, Object input, Context context) throws Exception {
        return ((TypedFunction<Object, Object>) function.function()).apply(input, context);
    }

    /**
     * Runs a typed function on JSON: decodes the input into the declared type, encodes the result.
     *
     * @return the JSON result; {@link Body#EMPTY} when the function returned null
     * @throws dev.fnkit.api.FunctionException 400 for JSON that does not fit the input type
     */
    public static Body typedJson(FunctionDefinition function, Body input, Context context) throws Exception {
        Object decoded = Json.decode(input.bytes(), function.dataType());
        Object result = typed(function, decoded, context);
        return result == null ? Body.EMPTY : Body.of(Json.encode(result));
    }

    /**
     * Delivers one event to an event function (a batch function gets a batch of one, and any failed item fails the
     * call). The data is converted to the declared type first.
     */
    @SuppressWarnings("unchecked")
    public static void event(FunctionDefinition function, Event<?> event, Context context) throws Exception {
        if (function.kind() == FunctionKind.BATCH) {
            BatchResult result = batch(function, List.of(event), context);
            if (!result.allSucceeded()) {
                throw new dev.fnkit.api.FunctionException(500, "event-failed", "Event " + event.id() + " failed");
            }
            return;
        }
        Event<Object> typed = (Event<Object>) EventData.convert(event, function.dataType());
        ((EventFunction<Object>) function.function()).handle(typed, context);
    }

    /**
     * Delivers a batch. An event function runs item by item: each item that throws (or cannot be converted) is
     * logged once and reported failed, the others succeed. A batch function gets the whole converted batch; items
     * that cannot be converted are reported failed without reaching it. As {@link EventFunction} promises, an item
     * whose failure is not {@linkplain Errors#retryable retryable} (a 4xx {@link dev.fnkit.api.FunctionException})
     * is logged and acknowledged rather than reported, so it is not redelivered.
     */
    @SuppressWarnings("unchecked")
    public static BatchResult batch(FunctionDefinition function, List<? extends Event<?>> events, Context context)
            throws Exception {
        List<String> failed = new ArrayList<>();
        if (function.kind() == FunctionKind.EVENT) {
            EventFunction<Object> each = (EventFunction<Object>) function.function();
            for (Event<?> event : events) {
                try {
                    each.handle((Event<Object>) EventData.convert(event, function.dataType()), context);
                } catch (Throwable e) {
                    rethrowFatal(e);
                    fail(event, e, failed, context);
                }
            }
            return BatchResult.failed(failed);
        }
        List<Event<Object>> converted = new ArrayList<>(events.size());
        for (Event<?> event : events) {
            try {
                converted.add((Event<Object>) EventData.convert(event, function.dataType()));
            } catch (RuntimeException e) {
                fail(event, e, failed, context);
            }
        }
        BatchResult result = converted.isEmpty() ? BatchResult.success()
                : ((BatchFunction<Object>) function.function()).handle(converted, context);
        if (result == null) {
            throw new IllegalStateException("Batch function '" + function.name() + "' returned null");
        }
        if (failed.isEmpty()) {
            return result;
        }
        failed.addAll(result.failedItemIds());
        return BatchResult.failed(failed);
    }

    private static void fail(Event<?> event, Throwable error, List<String> failed, Context context) {
        if (Errors.retryable(error)) {
            context.logger().with("eventId", event.id()).error("Event " + event.id() + " failed", error);
            failed.add(event.id());
        } else {
            context.logger().with("eventId", event.id()).error("Event " + event.id()
                    + " rejected and not redelivered: " + error.getMessage());
        }
    }

    private static void rethrowFatal(Throwable e) {
        if (e instanceof VirtualMachineError vme) {
            throw vme;
        }
    }
}
