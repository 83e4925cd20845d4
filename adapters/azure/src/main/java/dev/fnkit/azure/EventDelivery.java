package dev.fnkit.azure;

import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Context;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.core.Errors;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.Invoker;

import java.util.List;

/**
 * Runs event and batch functions the way Azure settles invocations: returning acknowledges, throwing fails the
 * invocation so the host retries per its policy (the queue's dequeue or delivery count, the function's
 * {@code retry}). A {@link FunctionException} that is not retryable is logged and acknowledged, as its contract says.
 * Batches (Event Hubs, Cosmos DB) go through {@link Invoker#batch}; Azure has no per-item failure, so any failed item
 * fails the whole invocation, and the host's retry redelivers the whole batch.
 */
final class EventDelivery {
    private EventDelivery() {
    }

    static void single(FunctionDefinition function, Event<?> event, Context context) throws Exception {
        try {
            Invoker.event(function, event, context);
        } catch (Exception e) {
            if (Errors.retryable(e)) {
                context.logger().with("eventId", event.id()).error("Event " + event.id()
                        + " failed; the invocation fails so that Azure retries it", e);
                throw e;
            }
            Errors.problem(e, context);
        }
    }

    static void batch(FunctionDefinition function, List<Event<?>> events, Context context) throws Exception {
        if (events.isEmpty()) {
            return;
        }
        BatchResult result = Invoker.batch(function, events, context);
        if (!result.allSucceeded()) {
            throw new FunctionException(500, "batch-failed", result.failedItemIds().size() + " of " + events.size()
                    + " events failed (" + String.join(", ", result.failedItemIds()) + "); Azure has no per-item"
                    + " failure, so the whole batch fails");
        }
    }
}
