package dev.fnkit.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.TopicMessage;
import io.cloudevents.CloudEvent;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pub/Sub {@code google.cloud.pubsub.topic.v1.messagePublished} events: the data
 * {@code {"message": {"data": base64, "attributes", "messageId", "publishTime", "orderingKey"}, "subscription"}}
 * becomes a {@link TopicMessage}, or a {@link QueueMessage} or {@link StreamRecord} for queue and stream triggers,
 * which GCP delivers through Pub/Sub too.
 */
final class PubSubEvents {
    static final String MESSAGE_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";
    static final String WHAT = "Pub/Sub messagePublished event";

    private PubSubEvents() {
    }

    /**
     * One message as Pub/Sub delivered it.
     *
     * @param id              the message id
     * @param topic           the topic's short name
     * @param data            the decoded data
     * @param attributes      the message attributes
     * @param publishTime     when it was published, or null
     * @param orderingKey     the ordering key, or null
     * @param subscription    the subscription that delivered it, or null
     * @param deliveryAttempt the delivery attempt when Pub/Sub counts them (dead-lettering on), else 0
     */
    record Message(String id, String topic, Body data, Map<String, String> attributes, Instant publishTime,
                   String orderingKey, String subscription, int deliveryAttempt) {
    }

    /**
     * Reads the message of a messagePublished event.
     *
     * @param fallbackTopic the topic to report when the event's source names none
     * @throws dev.fnkit.api.FunctionException 400 {@code malformed-event} naming the missing or invalid field
     */
    static Message read(CloudEvent event, String fallbackTopic) {
        EventFields fields = new EventFields(WHAT, event);
        ObjectNode data = fields.object();
        ObjectNode message = fields.requireObject(data, "message", "message");
        String id = first(fields.text(message, "messageId", "message.messageId"),
                fields.text(message, "message_id", "message.message_id"), event.getId());
        String encoded = fields.text(message, "data", "message.data");
        Body body;
        try {
            body = encoded == null ? Body.EMPTY : Body.of(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            throw fields.malformed("has a 'message.data' that is not base64: " + e.getMessage());
        }
        Instant published = fields.instant(message, "publishTime", "message.publishTime");
        if (published == null) {
            published = fields.instant(message, "publish_time", "message.publish_time");
        }
        if (published == null && event.getTime() != null) {
            published = event.getTime().toInstant();
        }
        String topic = EventFields.after(event.getSource().toString(), "/topics/");
        long attempt = fields.number(data, "deliveryAttempt", "deliveryAttempt",
                fields.number(message, "deliveryAttempt", "message.deliveryAttempt", 0));
        return new Message(id, topic == null ? fallbackTopic : topic, body, attributes(fields, message),
                published, blankToNull(fields.text(message, "orderingKey", "message.orderingKey")),
                fields.text(data, "subscription", "subscription"), (int) Math.max(0, Math.min(attempt,
                Integer.MAX_VALUE)));
    }

    static TopicMessage topicMessage(Message message) {
        return new TopicMessage(message.id(), message.topic(), message.data(), message.attributes(),
                message.publishTime(), message.subscription());
    }

    static QueueMessage queueMessage(Message message) {
        return new QueueMessage(message.id(), message.topic(), message.data(), message.attributes(),
                message.deliveryAttempt(), message.publishTime());
    }

    static StreamRecord streamRecord(Message message) {
        return new StreamRecord(message.topic(), message.orderingKey(), message.id(), message.data(),
                message.publishTime(), null);
    }

    private static Map<String, String> attributes(EventFields fields, ObjectNode message) {
        ObjectNode attributes = fields.optionalObject(message, "attributes", "message.attributes");
        if (attributes == null || attributes.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
            out.put(attribute.getKey(), fields.text(attributes, attribute.getKey(),
                    "message.attributes." + attribute.getKey()));
        }
        return out;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
