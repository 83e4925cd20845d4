package dev.fnkit.azure;

import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.EventData;
import dev.fnkit.core.FunctionDefinition;

import java.time.Instant;
import java.util.Map;

/**
 * Azure Service Bus trigger → {@link QueueMessage} (queue triggers) or {@link TopicMessage} (topic triggers, through
 * a subscription): one message per invocation, its body as bytes, the id from metadata {@code MessageId}, the
 * delivery count from {@code DeliveryCount}, the enqueued time from {@code EnqueuedTimeUtc} and the attributes from
 * {@code ApplicationProperties}. The subscription is not visible at run time, so {@link TopicMessage#subscription()}
 * is null. CloudEvents source {@code azure:service-bus:<queue or topic>}, type {@value #TYPE}.
 */
final class ServiceBusEvents {
    static final String TYPE = "com.microsoft.azure.servicebus.message";

    private ServiceBusEvents() {
    }

    /** The native inputs of one invocation, as the emulator passes them. */
    record Native(byte[] message, String messageId, String deliveryCount, String enqueuedTimeUtc,
                  String applicationProperties) {
    }

    static Event<?> read(FunctionDefinition function, byte[] message, String messageId, String deliveryCount,
                         String enqueuedTimeUtc, String applicationProperties, String invocationId) {
        String id = TriggerMetadata.text(messageId);
        if (id == null) {
            id = invocationId;
        }
        Instant enqueued = TriggerMetadata.time(enqueuedTimeUtc);
        Map<String, String> properties = TriggerMetadata.properties(applicationProperties);
        Body body = Body.of(message);
        Map<String, String> metadata = Events.metadata(Bindings.SERVICE_BUS_MESSAGE_ID, messageId,
                Bindings.SERVICE_BUS_DELIVERY_COUNT, deliveryCount, Bindings.SERVICE_BUS_ENQUEUED_TIME,
                enqueuedTimeUtc, Bindings.SERVICE_BUS_PROPERTIES, applicationProperties);
        if (function.trigger() instanceof Trigger.Topic topic) {
            TopicMessage data = new TopicMessage(id, topic.topic(), body, properties, enqueued, null);
            return Events.envelope(id, "azure:service-bus:" + topic.topic(), TYPE, null, enqueued, data, body,
                    metadata);
        }
        String queue = ((Trigger.Queue) function.trigger()).queue();
        QueueMessage data = new QueueMessage(id, queue, body, properties,
                TriggerMetadata.integer(deliveryCount, 0), enqueued);
        return Events.envelope(id, "azure:service-bus:" + queue, TYPE, null, enqueued, data, body, metadata);
    }

    static Native toNative(Event<?> event) {
        Object data = event.data();
        Map<String, String> attributes = data instanceof QueueMessage q ? q.attributes()
                : data instanceof TopicMessage t ? t.attributes() : Map.of();
        Instant enqueued = data instanceof QueueMessage q && q.sentAt() != null ? q.sentAt()
                : data instanceof TopicMessage t && t.publishedAt() != null ? t.publishedAt()
                : event.time().map(Instant::from).orElseGet(Instant::now);
        int deliveries = data instanceof QueueMessage q ? Math.max(1, q.deliveryCount()) : 1;
        return new Native(EventData.payload(event).bytes(), event.id(), String.valueOf(deliveries),
                Events.unspecifiedDateTime(enqueued), Events.json(attributes));
    }
}
