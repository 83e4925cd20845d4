package dev.fnkit.gcp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.ChangeType;
import dev.fnkit.api.Event;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.EventData;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.Json;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The CloudEvents GCP would deliver for a portable event: Pub/Sub {@code messagePublished} for topic, queue, stream and
 * schedule triggers (data base64-encoded in {@code message.data}), Cloud Storage object events with the object's JSON
 * metadata, and Firestore document events with {@code DocumentEventData} in its JSON form.
 */
final class EmulatedEvents {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EmulatedEvents() {
    }

    static CloudEvent toCloudEvent(FunctionDefinition function, Event<?> event, String project) {
        Trigger trigger = function.trigger();
        if (trigger instanceof Trigger.Storage) {
            return storage(event, (StorageObjectEvent) event.data());
        } else if (trigger instanceof Trigger.Change change) {
            return firestore(event, (ChangeRecord) event.data(), change.source(), project);
        }
        return pubSub(function, event, project);
    }

    private static CloudEvent pubSub(FunctionDefinition function, Event<?> event, String project) {
        Object data = event.data();
        String topic;
        Body body;
        Map<String, String> attributes = Map.of();
        Instant published;
        String orderingKey = null;
        String subscription = null;
        if (data instanceof QueueMessage q) {
            topic = q.queue();
            body = q.body();
            attributes = q.attributes();
            published = q.sentAt();
        } else if (data instanceof TopicMessage t) {
            topic = t.topic();
            body = t.body();
            attributes = t.attributes();
            published = t.publishedAt();
            subscription = t.subscription();
        } else if (data instanceof StreamRecord r) {
            topic = r.stream();
            body = r.data();
            orderingKey = r.partitionKey();
            published = r.arrivedAt();
        } else if (data instanceof ScheduleTick tick) {
            topic = DeployScript.SCHEDULE_TOPIC_PREFIX + function.name();
            body = Body.of("{\"schedule\":\"" + function.name() + "\"}");
            published = tick.scheduledTime();
        } else {
            topic = declaredTopic(function.trigger());
            body = EventData.payload(event);
            published = null;
        }
        if (published == null) {
            published = event.time().map(OffsetDateTime::toInstant).orElseGet(Instant::now);
        }
        ObjectNode message = NODES.objectNode();
        message.put("data", body.base64());
        if (!attributes.isEmpty()) {
            ObjectNode a = message.putObject("attributes");
            attributes.forEach(a::put);
        }
        message.put("messageId", event.id());
        message.put("publishTime", published.toString());
        if (orderingKey != null) {
            message.put("orderingKey", orderingKey);
        }
        ObjectNode json = NODES.objectNode();
        json.set("message", message);
        json.put("subscription", subscription != null ? subscription
                : "projects/" + project + "/subscriptions/" + function.name());
        return CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(URI.create("//pubsub.googleapis.com/projects/" + project + "/topics/" + topic))
                .withType(PubSubEvents.MESSAGE_PUBLISHED)
                .withTime(OffsetDateTime.ofInstant(published, ZoneOffset.UTC))
                .withData("application/json", Json.encode(json))
                .build();
    }

    private static String declaredTopic(Trigger trigger) {
        if (trigger instanceof Trigger.Queue q) {
            return q.queue();
        } else if (trigger instanceof Trigger.Topic t) {
            return t.topic();
        } else if (trigger instanceof Trigger.Stream s) {
            return s.stream();
        }
        throw new IllegalArgumentException("a " + trigger + " trigger is not delivered through Pub/Sub");
    }

    private static CloudEvent storage(Event<?> event, StorageObjectEvent object) {
        Instant time = object.time() != null ? object.time()
                : event.time().map(OffsetDateTime::toInstant).orElseGet(Instant::now);
        ObjectNode json = NODES.objectNode();
        json.put("kind", "storage#object");
        json.put("name", object.key());
        json.put("bucket", object.bucket());
        if (object.version() != null) {
            json.put("id", object.bucket() + "/" + object.key() + "/" + object.version());
            json.put("generation", object.version());
        }
        if (object.contentType() != null) {
            json.put("contentType", object.contentType());
        }
        if (object.size() >= 0) {
            json.put("size", Long.toString(object.size()));
        }
        if (object.etag() != null) {
            json.put("etag", object.etag());
        }
        json.put("timeCreated", time.toString());
        json.put("updated", time.toString());
        return CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(URI.create("//storage.googleapis.com/projects/_/buckets/" + object.bucket()))
                .withType(StorageEvents.type(object.change()))
                .withSubject("objects/" + object.key())
                .withTime(OffsetDateTime.ofInstant(time, ZoneOffset.UTC))
                .withData("application/json", Json.encode(json))
                .build();
    }

    private static CloudEvent firestore(Event<?> event, ChangeRecord change, String collection, String project) {
        String database = "projects/" + project + "/databases/(default)";
        Object id = change.keys().getOrDefault("id", change.keys().values().stream().findFirst().orElse(event.id()));
        Object givenName = change.keys().get("name");
        String name = givenName instanceof String s && s.contains("/documents/") ? s
                : database + "/documents/" + (change.source() == null ? collection : change.source()) + "/" + id;
        String document = name.substring(name.indexOf("/documents/") + "/documents/".length());
        Instant time = change.time() != null ? change.time()
                : event.time().map(OffsetDateTime::toInstant).orElseGet(Instant::now);
        ObjectNode json = NODES.objectNode();
        if (change.type() != ChangeType.REMOVE) {
            json.set("value", document(name, change.newImage(), time));
        }
        if (change.type() != ChangeType.INSERT) {
            json.set("oldValue", document(name, change.oldImage(), time));
        }
        String kind = switch (change.type()) {
            case INSERT -> "created";
            case MODIFY -> "updated";
            case REMOVE -> "deleted";
        };
        return CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(URI.create("//firestore.googleapis.com/" + database))
                .withType(FirestoreEvents.TYPE_PREFIX + kind)
                .withSubject("documents/" + document)
                .withTime(OffsetDateTime.ofInstant(time, ZoneOffset.UTC))
                .withExtension("database", "(default)")
                .withExtension("namespace", "(default)")
                .withExtension("document", document)
                .withExtension("project", project)
                .withData("application/json", Json.encode(json))
                .build();
    }

    private static ObjectNode document(String name, Map<String, Object> fields, Instant time) {
        ObjectNode document = NODES.objectNode();
        document.put("name", name);
        document.set("fields", FirestoreValues.fieldsToJson(fields));
        document.put("updateTime", time.toString());
        return document;
    }
}
