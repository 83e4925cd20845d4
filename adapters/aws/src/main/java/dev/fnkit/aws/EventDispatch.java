package dev.fnkit.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Event;
import dev.fnkit.core.Errors;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionKind;
import dev.fnkit.core.InvocationContext;
import dev.fnkit.core.Invoker;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves an event or batch function from its trigger's event source. Batch sources answer with
 * {@code batchItemFailures}: an event function runs item by item through {@link Invoker#batch} and only failed items
 * are reported (in ordered sources, the first failure and everything after it); a batch function gets the whole
 * batch. Other sources run each event and let a failure fail the invocation so Lambda retries, except a
 * {@link dev.fnkit.api.FunctionException} that is not retryable, which is logged and acknowledged as its contract
 * says. A malformed event fails the invocation with a 400 {@code FunctionException} naming the expected source and
 * the missing field.
 */
final class EventDispatch implements LambdaDispatch {
    private final FunctionDefinition function;
    private final EventSource source;
    private final EventJson json;
    private final LambdaContexts contexts;

    EventDispatch(FunctionDefinition function, LambdaContexts contexts) {
        this.function = function;
        this.source = EventSource.of(function.trigger());
        this.json = new EventJson(function.name(), source.description());
        this.contexts = contexts;
    }

    @Override
    public void handle(InputStream input, Context lambda, OutputStream out) throws Exception {
        byte[] bytes = input.readAllBytes();
        InvocationContext context = contexts.create(lambda);
        JsonNode event;
        List<Event<?>> events;
        try {
            event = json.parse(bytes);
            events = source.read(event, function, json);
        } catch (RuntimeException e) {
            Errors.problem(e, context);
            throw e;
        }
        switch (source.failures(event)) {
            case PER_ITEM -> BatchResponses.write(Invoker.batch(function, events, context), out);
            case PER_ITEM_ORDERED -> BatchResponses.write(ordered(events, context), out);
            case WHOLE_EVENT -> each(events, context);
        }
    }

    private BatchResult ordered(List<Event<?>> events, InvocationContext context) throws Exception {
        if (function.kind() == FunctionKind.BATCH) {
            return Invoker.batch(function, events, context);
        }
        for (int i = 0; i < events.size(); i++) {
            if (!Invoker.batch(function, List.of(events.get(i)), context).allSucceeded()) {
                List<String> failed = new ArrayList<>(events.size() - i);
                for (int j = i; j < events.size(); j++) {
                    failed.add(events.get(j).id());
                }
                return BatchResult.failed(failed);
            }
        }
        return BatchResult.success();
    }

    private void each(List<Event<?>> events, InvocationContext context) throws Exception {
        for (Event<?> event : events) {
            try {
                Invoker.event(function, event, context);
            } catch (Exception e) {
                if (Errors.retryable(e)) {
                    context.logger().with("eventId", event.id()).error("Event " + event.id() + " failed; Lambda"
                            + " will retry it", e);
                    throw e;
                }
                Errors.problem(e, context);
            }
        }
    }
}
