package dev.fnkit.api;

import java.util.Collection;
import java.util.List;

/**
 * The outcome of a batch: the ids of the items that failed (an {@link Event#id()}: SQS message id, Kinesis or
 * DynamoDB sequence number, Pub/Sub message id). Only those are redelivered.
 *
 * @param failedItemIds ids of failed items, in order
 */
public record BatchResult(List<String> failedItemIds) {
    private static final BatchResult SUCCESS = new BatchResult(List.of());

    public BatchResult {
        failedItemIds = List.copyOf(failedItemIds);
    }

    /** Every item succeeded. */
    public static BatchResult success() {
        return SUCCESS;
    }

    /** These items failed. */
    public static BatchResult failed(Collection<String> itemIds) {
        return itemIds.isEmpty() ? SUCCESS : new BatchResult(List.copyOf(itemIds));
    }

    public static BatchResult failed(String... itemIds) {
        return failed(List.of(itemIds));
    }

    public boolean allSucceeded() {
        return failedItemIds.isEmpty();
    }
}
