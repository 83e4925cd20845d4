package dev.fnkit.azure;

import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.EventData;
import dev.fnkit.core.FunctionDefinition;

import java.time.Instant;
import java.util.Map;

/**
 * Azure Storage Queue trigger → {@link QueueMessage}: one message per invocation, its decoded content as bytes
 * ({@code dataType: binary}), the id from metadata {@code Id}, the delivery count from {@code DequeueCount} and the
 * sent time from {@code InsertionTime}. CloudEvents source {@code azure:storage-queue:<queue>}, type
 * {@value #TYPE}; {@code nativeEvent(Map.class)} gives the metadata.
 */
final class StorageQueueEvents {
    static final String TYPE = "com.microsoft.azure.storage.queue.message";

    private StorageQueueEvents() {
    }

    /** The native inputs of one invocation, as the emulator passes them. */
    record Native(byte[] message, String id, String dequeueCount, String insertionTime) {
    }

    static Event<QueueMessage> read(FunctionDefinition function, byte[] message, String id, String dequeueCount,
                                    String insertionTime, String invocationId) {
        String queue = ((Trigger.Queue) function.trigger()).queue();
        String messageId = TriggerMetadata.text(id);
        if (messageId == null) {
            messageId = invocationId;
        }
        Instant inserted = TriggerMetadata.time(insertionTime);
        Body body = Body.of(message);
        QueueMessage data = new QueueMessage(messageId, queue, body, Map.of(),
                TriggerMetadata.integer(dequeueCount, 0), inserted);
        return Events.envelope(messageId, "azure:storage-queue:" + queue, TYPE, null, inserted, data, body,
                Events.metadata(Bindings.QUEUE_ID, id, Bindings.QUEUE_DEQUEUE_COUNT, dequeueCount,
                        Bindings.QUEUE_INSERTION_TIME, insertionTime));
    }

    static Native toNative(Event<?> event) {
        QueueMessage message = event.data() instanceof QueueMessage m ? m : null;
        Instant inserted = message != null && message.sentAt() != null ? message.sentAt()
                : event.time().map(Instant::from).orElseGet(Instant::now);
        int dequeueCount = message == null ? 1 : Math.max(1, message.deliveryCount());
        return new Native(EventData.payload(event).bytes(), event.id(), String.valueOf(dequeueCount),
                Events.dateTimeOffset(inserted));
    }
}
