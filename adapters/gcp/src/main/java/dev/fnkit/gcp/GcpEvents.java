package dev.fnkit.gcp;

import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.CloudEventsHttp;
import dev.fnkit.core.FunctionDefinition;
import io.cloudevents.CloudEvent;

import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns a CloudEvent that GCP delivered into the portable {@link Event} of the function's trigger: the envelope keeps
 * the CloudEvent's attributes and extensions, the data is the trigger's record (decoded by the source's mapping:
 * {@link PubSubEvents}, {@link StorageEvents}, {@link FirestoreEvents}, {@link SchedulerEvents}), and
 * {@code nativeEvent} is the {@link CloudEvent} itself.
 */
final class GcpEvents {
    static final String UNEXPECTED = "unexpected-event-type";

    private GcpEvents() {
    }

    /**
     * The portable event.
     *
     * @throws FunctionException 400 {@code unexpected-event-type} when the event's type is not one the function's
     *                           trigger receives, 400 {@code malformed-event} when its data is not what its type
     *                           promises
     */
    static Event<?> toEvent(FunctionDefinition function, CloudEvent event, Instant now) {
        Object record = record(function, event, now);
        return CloudEventsHttp.fromCloudEvent(event).withData(record);
    }

    private static Object record(FunctionDefinition function, CloudEvent event, Instant now) {
        Trigger trigger = function.trigger();
        String type = event.getType();
        if (trigger instanceof Trigger.Topic || trigger instanceof Trigger.Queue || trigger instanceof Trigger.Stream
                || trigger instanceof Trigger.Schedule) {
            if (!PubSubEvents.MESSAGE_PUBLISHED.equals(type)) {
                throw unexpected(function, event, "Pub/Sub " + PubSubEvents.MESSAGE_PUBLISHED);
            }
            if (trigger instanceof Trigger.Topic topic) {
                return PubSubEvents.topicMessage(PubSubEvents.read(event, topic.topic()));
            } else if (trigger instanceof Trigger.Queue queue) {
                return PubSubEvents.queueMessage(PubSubEvents.read(event, queue.queue()));
            } else if (trigger instanceof Trigger.Stream stream) {
                return PubSubEvents.streamRecord(PubSubEvents.read(event, stream.stream()));
            }
            return SchedulerEvents.fromPubSub(function.name(), PubSubEvents.read(event, null), now);
        } else if (trigger instanceof Trigger.Storage storage) {
            StorageChange change = StorageEvents.change(type);
            if (change == null || !storage.changes().contains(change)) {
                throw unexpected(function, event, "Cloud Storage " + storage.changes().stream()
                        .map(StorageEvents::type).sorted().collect(Collectors.joining(" or ")));
            }
            return StorageEvents.read(event, change);
        } else if (trigger instanceof Trigger.Change change) {
            if (FirestoreEvents.kind(type) == null) {
                throw unexpected(function, event, "Firestore " + FirestoreEvents.TYPE_PREFIX
                        + "{created,updated,deleted,written}");
            }
            return FirestoreEvents.read(event, change.source());
        }
        throw new FunctionException(500, "not-an-event-function", "Function '" + function.name() + "' is "
                + function.kind().name().toLowerCase(Locale.ROOT) + " and takes no events");
    }

    private static FunctionException unexpected(FunctionDefinition function, CloudEvent event, String expected) {
        return new FunctionException(400, UNEXPECTED, "Function '" + function.name() + "' ("
                + function.describeTrigger() + ") takes " + expected + " events, not " + event.getType()
                + " (event " + event.getId() + " from " + event.getSource() + ")");
    }
}
