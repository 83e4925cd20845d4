package dev.fnkit.compat.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.functions.Context;
import dev.fnkit.core.Json;
import io.cloudevents.CloudEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * A legacy Cloud Functions event, as a {@code BackgroundFunction} receives it: the JSON payload and its
 * {@link Context}. Made from the CloudEvent Google delivers (or fnkit builds), undoing the Functions Framework's
 * legacy-to-CloudEvent conversion: {@code google.cloud.pubsub.topic.v1.messagePublished} becomes
 * {@code google.pubsub.topic.publish} with the {@code PubsubMessage} ({@code @type}, {@code data} in base64,
 * {@code attributes}) as payload, the message id as event id and the publish time as timestamp;
 * {@code google.cloud.storage.object.v1.finalized} (and {@code deleted}, {@code archived},
 * {@code metadataUpdated}) becomes {@code google.storage.object.finalize} (and {@code delete}, {@code archive},
 * {@code metadataUpdate}) with the object metadata as payload. The resource is the legacy resource object as JSON
 * text ({@code {"service","name","type"}}); for any other event it is the CloudEvent's source.
 *
 * @param data    the payload as JSON text
 * @param context the legacy context
 */
record LegacyEvent(String data, Context context) {
    private static final String PUBSUB_MESSAGE = "type.googleapis.com/google.pubsub.v1.PubsubMessage";
    private static final String PUBSUB_SOURCE = "//pubsub.googleapis.com/";
    private static final String STORAGE_TYPE = "google.cloud.storage.object.v1.";
    private static final Map<String, String> STORAGE_KINDS = Map.of("finalized", "finalize", "deleted", "delete",
            "archived", "archive", "metadataUpdated", "metadataUpdate");

    static LegacyEvent of(CloudEvent event) {
        byte[] bytes = event.getData() == null ? new byte[0] : event.getData().toBytes();
        String timestamp = (event.getTime() == null ? Instant.now() : event.getTime().toInstant()).toString();
        if (event.getType().equals(GoogleCloudEvents.MESSAGE_PUBLISHED)) {
            return pubSub(event, Json.tree(bytes), timestamp);
        }
        if (event.getType().startsWith(STORAGE_TYPE)
                && STORAGE_KINDS.containsKey(event.getType().substring(STORAGE_TYPE.length()))) {
            String kind = STORAGE_KINDS.get(event.getType().substring(STORAGE_TYPE.length()));
            String bucketSource = event.getSource().toString().replaceFirst("^//storage\\.googleapis\\.com/", "");
            String name = bucketSource + (event.getSubject() == null ? "" : "/" + event.getSubject());
            return new LegacyEvent(new String(bytes, StandardCharsets.UTF_8), new LegacyContext(event.getId(),
                    timestamp, "google.storage.object." + kind,
                    resource("storage.googleapis.com", name, "storage#object")));
        }
        String data = bytes.length == 0 ? "{}" : new String(bytes, StandardCharsets.UTF_8);
        return new LegacyEvent(data, new LegacyContext(event.getId(), timestamp, event.getType(),
                event.getSource().toString()));
    }

    private static LegacyEvent pubSub(CloudEvent event, JsonNode data, String timestamp) {
        JsonNode message = data.path("message");
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("@type", PUBSUB_MESSAGE);
        if (message.has("attributes")) {
            payload.set("attributes", message.get("attributes"));
        }
        if (message.has("data")) {
            payload.set("data", message.get("data"));
        }
        String topic = event.getSource().toString();
        topic = topic.startsWith(PUBSUB_SOURCE) ? topic.substring(PUBSUB_SOURCE.length()) : topic;
        String eventId = message.path("messageId").asText(event.getId());
        String published = message.hasNonNull("publishTime") ? message.get("publishTime").asText() : timestamp;
        return new LegacyEvent(payload.toString(), new LegacyContext(eventId, published,
                "google.pubsub.topic.publish", resource("pubsub.googleapis.com", topic, PUBSUB_MESSAGE)));
    }

    private static String resource(String service, String name, String type) {
        ObjectNode resource = JsonNodeFactory.instance.objectNode();
        resource.put("service", service);
        resource.put("name", name);
        resource.put("type", type);
        return resource.toString();
    }

    /** The legacy context: what {@code Context} shows, with no extra attributes, as for a legacy event. */
    private record LegacyContext(String eventId, String timestamp, String eventType, String resource)
            implements Context {
    }
}
