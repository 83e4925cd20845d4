package dev.fnkit.api;

import java.time.Instant;
import java.util.Map;

/**
 * A message published to a topic: SNS, Pub/Sub, Service Bus topic, Event Grid.
 *
 * @param id           the message id
 * @param topic        the topic's name or ARN
 * @param body         the message data (Pub/Sub's base64 already decoded)
 * @param attributes   message attributes
 * @param publishedAt  when it was published, or null
 * @param subscription the subscription that delivered it, or null
 */
public record TopicMessage(String id, String topic, Body body, Map<String, String> attributes, Instant publishedAt,
                           String subscription) {
    public TopicMessage {
        body = Attributes.body(body);
        attributes = Attributes.copy(attributes);
    }

    public String text() {
        return body.text();
    }

    public <T> T as(Class<T> type) {
        return body.as(type);
    }
}
