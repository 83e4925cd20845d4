package dev.fnkit.compat.gcp;

import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.core.Json;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CloudEvent Google would deliver for a portable event. On Google Cloud the event's own CloudEvent is passed on
 * unchanged; elsewhere it is built: queue, topic, stream and schedule events as Pub/Sub
 * {@code google.cloud.pubsub.topic.v1.messagePublished} (data {@code {"message":{"data":<base64>, "attributes",
 * "messageId", "publishTime", "orderingKey"}, "subscription"}}), storage events as
 * {@code google.cloud.storage.object.v1.*} with the object's metadata, and anything else with the portable
 * envelope's attributes and raw data. The project is {@code GOOGLE_CLOUD_PROJECT}, else {@code fnkit}.
 */
final class GoogleCloudEvents {
    static final String MESSAGE_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";
    private static final String PROJECT = project();

    private GoogleCloudEvents() {
    }

    static CloudEvent of(Event<?> event, String functionName) {
        return event.nativeEvent(CloudEvent.class).orElseGet(() -> build(event, functionName));
    }

    private static CloudEvent build(Event<?> event, String functionName) {
        Object data = event.data();
        if (data instanceof QueueMessage q) {
            return published(event, q.queue(), q.body(), q.attributes(), q.sentAt(), null, functionName);
        } else if (data instanceof TopicMessage t) {
            return published(event, t.topic(), t.body(), t.attributes(), t.publishedAt(), null, functionName);
        } else if (data instanceof StreamRecord r) {
            return published(event, r.stream(), r.data(), Map.of(), r.arrivedAt(), r.partitionKey(), functionName);
        } else if (data instanceof ScheduleTick tick) {
            return published(event, "fnkit-schedule-" + tick.schedule(),
                    Body.of("{\"schedule\":\"" + tick.schedule() + "\"}"), Map.of(), tick.scheduledTime(), null,
                    functionName);
        } else if (data instanceof StorageObjectEvent object) {
            return storage(event, object);
        }
        return CloudEventBuilder.v1().withId(event.id()).withSource(sourceUri(event.source()))
                .withType(event.type()).withSubject(event.subject().orElse(null)).withTime(event.time().orElse(null))
                .withData(event.dataContentType().orElse("application/json"), event.rawData().bytes()).build();
    }

    private static CloudEvent published(Event<?> event, String topic, Body body, Map<String, String> attributes,
                                        Instant published, String orderingKey, String functionName) {
        Instant time = published != null ? published : eventTime(event);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("data", body.base64());
        if (!attributes.isEmpty()) {
            message.put("attributes", attributes);
        }
        message.put("messageId", event.id());
        message.put("publishTime", time.toString());
        if (orderingKey != null) {
            message.put("orderingKey", orderingKey);
        }
        String topicName = topic.startsWith("projects/") ? topic : "projects/" + PROJECT + "/topics/" + topic;
        return CloudEventBuilder.v1().withId(event.id())
                .withSource(URI.create("//pubsub.googleapis.com/" + topicName))
                .withType(MESSAGE_PUBLISHED).withTime(OffsetDateTime.ofInstant(time, ZoneOffset.UTC))
                .withData("application/json", Json.encode(Map.of("message", message,
                        "subscription", "projects/" + PROJECT + "/subscriptions/" + functionName)))
                .build();
    }

    private static CloudEvent storage(Event<?> event, StorageObjectEvent object) {
        Instant time = object.time() != null ? object.time() : eventTime(event);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("kind", "storage#object");
        metadata.put("bucket", object.bucket());
        metadata.put("name", object.key());
        if (object.version() != null) {
            metadata.put("generation", object.version());
            metadata.put("id", object.bucket() + "/" + object.key() + "/" + object.version());
        }
        if (object.size() >= 0) {
            metadata.put("size", Long.toString(object.size()));
        }
        if (object.contentType() != null) {
            metadata.put("contentType", object.contentType());
        }
        if (object.etag() != null) {
            metadata.put("etag", object.etag());
        }
        metadata.put("timeCreated", time.toString());
        metadata.put("updated", time.toString());
        return CloudEventBuilder.v1().withId(event.id())
                .withSource(URI.create("//storage.googleapis.com/projects/_/buckets/" + object.bucket()))
                .withType("google.cloud.storage.object.v1." + storageKind(object.change()))
                .withSubject("objects/" + object.key()).withTime(OffsetDateTime.ofInstant(time, ZoneOffset.UTC))
                .withData("application/json", Json.encode(metadata)).build();
    }

    private static String storageKind(StorageChange change) {
        return switch (change) {
            case CREATED -> "finalized";
            case DELETED -> "deleted";
            case ARCHIVED -> "archived";
            case METADATA_UPDATED -> "metadataUpdated";
        };
    }

    /** The source as a URI-reference; one that is not is carried percent-encoded in a {@code fnkit:} URI. */
    private static URI sourceUri(String source) {
        try {
            return new URI(source);
        } catch (URISyntaxException e) {
            return URI.create("fnkit:" + URLEncoder.encode(source, StandardCharsets.UTF_8));
        }
    }

    private static Instant eventTime(Event<?> event) {
        return event.time().map(OffsetDateTime::toInstant).orElseGet(Instant::now);
    }

    private static String project() {
        String project = System.getenv("GOOGLE_CLOUD_PROJECT");
        return project == null || project.isBlank() ? "fnkit" : project;
    }
}
