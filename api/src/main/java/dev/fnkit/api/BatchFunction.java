package dev.fnkit.api;

import java.util.List;

/**
 * A function that consumes a whole batch of events at once and says which items failed. Failed items are
 * redelivered where the platform supports per-item failure (SQS, Kinesis, DynamoDB Streams, Pub/Sub); throwing fails
 * the whole batch.
 *
 * @param <T> the events' data type
 */
@FunctionalInterface
public interface BatchFunction<T> {
    BatchResult handle(List<Event<T>> events, Context context) throws Exception;
}
