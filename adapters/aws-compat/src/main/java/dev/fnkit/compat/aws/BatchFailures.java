package dev.fnkit.compat.aws;

import dev.fnkit.api.BatchFunction;
import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Context;
import dev.fnkit.api.Event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A handler's {@code batchItemFailures} as a portable {@link BatchResult}. As Lambda does, an item identifier that
 * is blank or names no record of the batch fails the whole batch, and so does a handler that throws.
 */
final class BatchFailures {
    private BatchFailures() {
    }

    /**
     * A batch function that runs a handler and maps its failures.
     *
     * @param itemId  the item identifier the synthesised event gives a portable event
     * @param handler calls the handler and returns the identifiers it reported failed (empty for none)
     */
    static <T> BatchFunction<T> function(Function<Event<T>, String> itemId,
                                         BiFunction<List<Event<T>>, Context, List<String>> handler) {
        return (events, context) -> {
            Map<String, String> eventIds = new HashMap<>();
            events.forEach(e -> eventIds.put(itemId.apply(e), e.id()));
            return run(events, eventIds, context, handler);
        };
    }

    /** A record's own identifier (a sequence number), else its event id. */
    static String ownOrEventId(String own, Event<?> event) {
        return own == null || own.isEmpty() ? event.id() : own;
    }

    private static <T> BatchResult run(List<Event<T>> events, Map<String, String> eventIds, Context context,
                                       BiFunction<List<Event<T>>, Context, List<String>> handler) {
        List<String> reported;
        try {
            reported = handler.apply(events, context);
        } catch (RuntimeException e) {
            context.logger().error("The handler failed; every item of the batch is retried", e);
            return all(events);
        }
        List<String> failed = new ArrayList<>(reported.size());
        for (String identifier : reported) {
            String id = identifier == null ? null : eventIds.get(identifier);
            if (id == null) {
                context.logger().error("The handler reported item identifier '" + identifier
                        + "', which is not in the batch; every item is retried");
                return all(events);
            }
            if (!failed.contains(id)) {
                failed.add(id);
            }
        }
        return BatchResult.failed(failed);
    }

    private static BatchResult all(List<? extends Event<?>> events) {
        return BatchResult.failed(events.stream().map(Event::id).toList());
    }
}
