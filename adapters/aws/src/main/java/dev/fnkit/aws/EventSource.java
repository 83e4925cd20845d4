package dev.fnkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.Event;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.FunctionDefinition;

import java.util.List;

/** One AWS event source: how its native event becomes portable events, and how its failures are reported. */
interface EventSource {
    /** How a source's invocation reports failure. */
    enum Failures {
        /** {@code batchItemFailures} with the failed items; the others are done. */
        PER_ITEM,
        /**
         * {@code batchItemFailures} in an ordered source (SQS FIFO, Kinesis, DynamoDB Streams): processing stops at
         * the first failure, which is reported with every item after it, so nothing is processed out of order.
         */
        PER_ITEM_ORDERED,
        /** A failure fails the invocation, and Lambda retries the whole event (SNS, S3, EventBridge). */
        WHOLE_EVENT
    }

    /** The source for a trigger. */
    static EventSource of(Trigger trigger) {
        if (trigger instanceof Trigger.Queue) {
            return SqsEvents.INSTANCE;
        } else if (trigger instanceof Trigger.Topic) {
            return SnsEvents.INSTANCE;
        } else if (trigger instanceof Trigger.Storage) {
            return S3Events.INSTANCE;
        } else if (trigger instanceof Trigger.Schedule) {
            return ScheduledEvents.INSTANCE;
        } else if (trigger instanceof Trigger.Stream) {
            return KinesisEvents.INSTANCE;
        } else if (trigger instanceof Trigger.Change) {
            return DynamoDbEvents.INSTANCE;
        }
        throw new IllegalArgumentException("no AWS event source for a " + trigger.getClass().getSimpleName()
                + " trigger");
    }

    /** The source's name in messages: {@code SQS}, {@code S3}, ... */
    String description();

    /** The native event's items as portable events, in order; a malformed event is a 400. */
    List<Event<?>> read(JsonNode event, FunctionDefinition function, EventJson json);

    /** How this native event reports failures. */
    Failures failures(JsonNode event);

    /**
     * The native event Lambda would deliver for these portable events (whose data are this source's records), as
     * the emulator sends it.
     */
    JsonNode toNative(List<Event<?>> events, FunctionDefinition function);
}
