package dev.fnkit.api;

import java.time.Instant;
import java.util.Map;

/**
 * A message from a queue: SQS, Azure Storage Queue, Service Bus queue, the self-hosted runtime's queues.
 *
 * @param id            the message id
 * @param queue         the queue's name
 * @param body          the message body
 * @param attributes    message attributes / application properties
 * @param deliveryCount how many times the message has been delivered, counting this one (0 when unknown)
 * @param sentAt        when the message was sent, or null
 */
public record QueueMessage(String id, String queue, Body body, Map<String, String> attributes, int deliveryCount,
                           Instant sentAt) {
    public QueueMessage {
        body = Attributes.body(body);
        attributes = Attributes.copy(attributes);
    }

    /** The body as UTF-8 text. */
    public String text() {
        return body.text();
    }

    /** The body decoded from JSON. */
    public <T> T as(Class<T> type) {
        return body.as(type);
    }
}
