package dev.fnkit.gcp;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;

/** CloudEvents shaped as GCP delivers them, built with the CloudEvents SDK. */
final class CloudEvents {
    static final String TIME = "2024-05-06T07:08:09.123Z";

    private CloudEvents() {
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static CloudEventBuilder pubSub(String id, String topic, String json) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("//pubsub.googleapis.com/projects/test-project/topics/" + topic))
                .withType(PubSubEvents.MESSAGE_PUBLISHED)
                .withTime(OffsetDateTime.parse(TIME))
                .withData("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static CloudEvent pubSubMessage(String id, String topic, String data) {
        return pubSub(id, topic, "{\"message\":{\"data\":\"" + base64(data) + "\",\"attributes\":{\"k\":\"v\"},"
                + "\"messageId\":\"" + id + "\",\"publishTime\":\"" + TIME + "\"},"
                + "\"subscription\":\"projects/test-project/subscriptions/" + topic + "-sub\"}").build();
    }

    static CloudEventBuilder storage(String id, String type, String bucket, String json) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("//storage.googleapis.com/projects/_/buckets/" + bucket))
                .withType(type)
                .withSubject("objects/photos/cat.png")
                .withTime(OffsetDateTime.parse(TIME))
                .withData("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static CloudEventBuilder firestore(String id, String kind, String contentType, byte[] data) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("//firestore.googleapis.com/projects/test-project/databases/(default)"))
                .withType(FirestoreEvents.TYPE_PREFIX + kind)
                .withSubject("documents/inventory/sku-1")
                .withTime(OffsetDateTime.parse(TIME))
                .withExtension("document", "inventory/sku-1")
                .withExtension("database", "(default)")
                .withData(contentType, data);
    }
}
