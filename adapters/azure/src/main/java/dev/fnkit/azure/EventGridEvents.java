package dev.fnkit.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.EventData;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.HttpDispatch;
import dev.fnkit.core.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Azure Event Grid trigger → {@link Event}, from either delivery schema: the Event Grid schema ({@code id},
 * {@code topic}, {@code subject}, {@code eventType}, {@code eventTime}, {@code data}, {@code dataVersion}) becomes a
 * CloudEvents envelope with source = topic and type = eventType; the CloudEvents 1.0 schema is taken as it is
 * ({@code data} or {@code data_base64}). The data depends on the function's trigger:
 * <ul>
 *   <li>storage: {@code Microsoft.Storage.BlobCreated}, {@code BlobDeleted} and {@code BlobTierChanged} become a
 *       {@link StorageObjectEvent} (container and blob name from the subject
 *       {@code /blobServices/default/containers/<c>/blobs/<name>}); events for another container or an undeclared
 *       change are acknowledged and skipped, so the subscription's filters need not be exact;</li>
 *   <li>topic: a {@link TopicMessage} whose body is the event's data and whose attributes are {@code type} and
 *       {@code subject}.</li>
 * </ul>
 */
final class EventGridEvents {
    static final String BLOB_CREATED = "Microsoft.Storage.BlobCreated";
    static final String BLOB_DELETED = "Microsoft.Storage.BlobDeleted";
    static final String BLOB_TIER_CHANGED = "Microsoft.Storage.BlobTierChanged";
    static final String EMULATED_TOPIC = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/fnkit"
            + "/providers/";
    private static final String CONTAINERS = "/blobServices/default/containers/";
    private static final String BLOBS = "/blobs/";
    private static final Set<String> EVENT_GRID_FIELDS = Set.of("id", "topic", "subject", "eventType", "eventTime",
            "data", "dataVersion", "metadataVersion");
    private static final Set<String> CLOUD_EVENT_FIELDS = Set.of("id", "source", "type", "specversion", "subject",
            "time", "datacontenttype", "dataschema", "data", "data_base64");

    private EventGridEvents() {
    }

    /**
     * The event in the function's data shape; empty when a storage function receives an event it did not declare.
     *
     * @throws FunctionException 400 for JSON that is not an Event Grid or CloudEvents event
     */
    static Optional<Event<?>> read(FunctionDefinition function, String json) {
        JsonNode node = Json.tree(json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8));
        if (node.isArray() && node.size() == 1) {
            node = node.get(0);
        }
        if (!node.isObject()) {
            throw FunctionException.badRequest("malformed-event", "Function '" + function.name()
                    + "' expected one Event Grid event, not " + node.getNodeType());
        }
        Envelope envelope = node.has("specversion") ? cloudEvent(node) : eventGrid(node);
        Trigger trigger = function.trigger();
        if (trigger instanceof Trigger.Storage storage) {
            return storageObject(envelope, storage, function).map(data -> envelope.event(data));
        } else if (trigger instanceof Trigger.Topic topic) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("type", envelope.type);
            if (envelope.subject != null) {
                attributes.put("subject", envelope.subject);
            }
            return Optional.of(envelope.event(new TopicMessage(envelope.id, topic.topic(), envelope.data,
                    attributes, envelope.time, null)));
        }
        throw new IllegalStateException("Function '" + function.name() + "' has a "
                + trigger.getClass().getSimpleName() + " trigger, which Event Grid does not deliver");
    }

    private record Envelope(String id, String source, String type, String subject, Instant time,
                            String contentType, String dataSchema, Map<String, Object> extensions, Body data,
                            JsonNode dataJson, JsonNode nativeEvent) {
        <T> Event<T> event(T payload) {
            Event.Builder<T> builder = Event.<T>builder().id(id).source(source).type(type).subject(subject)
                    .time(time == null ? null : time.atOffset(ZoneOffset.UTC))
                    .dataContentType(contentType).dataSchema(dataSchema).data(payload).rawData(data)
                    .nativeEvent(nativeEvent);
            extensions.forEach(builder::extension);
            return builder.build();
        }
    }

    private static Envelope eventGrid(JsonNode node) {
        String id = require(node, "id");
        Map<String, Object> extensions = extensions(node, EVENT_GRID_FIELDS);
        String dataVersion = TriggerMetadata.field(node, "dataVersion");
        if (dataVersion != null && !dataVersion.isEmpty()) {
            extensions.put("dataversion", dataVersion);
        }
        JsonNode data = node.get("data");
        return new Envelope(id, require(node, "topic"), require(node, "eventType"),
                TriggerMetadata.field(node, "subject"), time(node, "eventTime"), "application/json", null,
                extensions, jsonBody(data), data, node);
    }

    private static Envelope cloudEvent(JsonNode node) {
        JsonNode data = node.get("data");
        Body body;
        if (node.hasNonNull("data_base64")) {
            body = Body.of(Base64.getDecoder().decode(node.get("data_base64").asText()));
        } else if (data != null && data.isTextual() && !isJson(TriggerMetadata.field(node, "datacontenttype"))) {
            body = Body.of(data.asText());
        } else {
            body = jsonBody(data);
        }
        return new Envelope(require(node, "id"), require(node, "source"), require(node, "type"),
                TriggerMetadata.field(node, "subject"), time(node, "time"),
                TriggerMetadata.field(node, "datacontenttype"), TriggerMetadata.field(node, "dataschema"),
                extensions(node, CLOUD_EVENT_FIELDS), body, data, node);
    }

    private static Optional<StorageObjectEvent> storageObject(Envelope envelope, Trigger.Storage storage,
                                                              FunctionDefinition function) {
        StorageChange change = switch (envelope.type) {
            case BLOB_CREATED -> StorageChange.CREATED;
            case BLOB_DELETED -> StorageChange.DELETED;
            case BLOB_TIER_CHANGED -> StorageChange.ARCHIVED;
            default -> throw FunctionException.badRequest("unexpected-event", "Function '" + function.name()
                    + "' takes Microsoft.Storage.Blob* events, not " + envelope.type);
        };
        String subject = envelope.subject == null ? "" : envelope.subject;
        int containers = subject.indexOf(CONTAINERS);
        int blobs = containers < 0 ? -1 : subject.indexOf(BLOBS, containers + CONTAINERS.length());
        if (blobs < 0) {
            throw FunctionException.badRequest("unexpected-event", "Function '" + function.name()
                    + "' cannot read a container and blob from the subject '" + subject + "'");
        }
        String container = subject.substring(containers + CONTAINERS.length(), blobs);
        if (!container.equals(storage.bucket()) || !storage.changes().contains(change)) {
            return Optional.empty();
        }
        JsonNode data = envelope.dataJson;
        String length = TriggerMetadata.field(data, "contentLength");
        long size = change == StorageChange.DELETED || length == null ? -1 : parseLong(length);
        return Optional.of(new StorageObjectEvent(container, subject.substring(blobs + BLOBS.length()), change,
                size, TriggerMetadata.field(data, "contentType"), TriggerMetadata.field(data, "eTag"), null,
                envelope.time));
    }

    /** The Event Grid schema event a storage function gets for a portable storage event. */
    static String storageEvent(Event<?> event, StorageObjectEvent object) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        String account = "fnkitemulator";
        root.put("topic", EMULATED_TOPIC + "Microsoft.Storage/storageAccounts/" + account);
        root.put("subject", CONTAINERS + object.bucket() + BLOBS + object.key());
        root.put("eventType", switch (object.change()) {
            case CREATED -> BLOB_CREATED;
            case DELETED -> BLOB_DELETED;
            case ARCHIVED -> BLOB_TIER_CHANGED;
            case METADATA_UPDATED -> throw new IllegalArgumentException("Event Grid has no blob metadata event");
        });
        root.put("id", event.id());
        ObjectNode data = root.putObject("data");
        data.put("api", object.change() == StorageChange.DELETED ? "DeleteBlob" : "PutBlob");
        data.put("clientRequestId", UUID.nameUUIDFromBytes(event.id().getBytes(StandardCharsets.UTF_8)).toString());
        data.put("requestId", UUID.nameUUIDFromBytes((event.id() + "/request").getBytes(StandardCharsets.UTF_8))
                .toString());
        data.put("eTag", object.etag() == null ? "0x8DC0000000000000" : object.etag());
        data.put("contentType", object.contentType() == null ? "application/octet-stream" : object.contentType());
        if (object.change() != StorageChange.DELETED) {
            data.put("contentLength", Math.max(0, object.size()));
        }
        data.put("blobType", "BlockBlob");
        data.put("url", "https://" + account + ".blob.core.windows.net/" + object.bucket() + "/"
                + BlobEvents.encodePath(object.key()));
        data.put("sequencer", "00000000000000000000000000000000000000000000000");
        data.putObject("storageDiagnostics").put("batchId", UUID.nameUUIDFromBytes(
                (event.id() + "/batch").getBytes(StandardCharsets.UTF_8)).toString());
        root.put("dataVersion", "");
        root.put("metadataVersion", "1");
        Instant time = object.time() != null ? object.time() : event.time().map(Instant::from).orElseGet(Instant::now);
        root.put("eventTime", time.toString());
        return root.toString();
    }

    /** The CloudEvents schema event a topic function gets for a portable event. */
    static String topicEvent(Event<?> event, String topic) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("specversion", "1.0");
        root.put("type", event.type());
        root.put("source", EMULATED_TOPIC + "Microsoft.EventGrid/topics/" + topic);
        root.put("id", event.id());
        root.put("time", event.time().map(t -> t.toInstant().toString()).orElseGet(() -> Instant.now().toString()));
        event.subject().ifPresent(subject -> root.put("subject", subject));
        Body payload = EventData.payload(event);
        JsonNode json = payload.isEmpty() ? null : TriggerMetadata.json(payload.utf8().orElse(null));
        if (json != null) {
            root.put("datacontenttype", "application/json");
            root.set("data", json);
        } else {
            root.put("datacontenttype", "application/octet-stream");
            root.put("data_base64", payload.base64());
        }
        return root.toString();
    }

    private static Map<String, Object> extensions(JsonNode node, Set<String> known) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!known.contains(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
                extensions.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText());
            }
        });
        return extensions;
    }

    private static Body jsonBody(JsonNode data) {
        return data == null || data.isNull() ? Body.EMPTY : Body.of(Json.encode(data));
    }

    private static boolean isJson(String contentType) {
        return contentType == null || HttpDispatch.isJsonType(contentType);
    }

    private static Instant time(JsonNode node, String field) {
        String text = TriggerMetadata.field(node, field);
        return text == null ? null : TriggerMetadata.parseTime(text);
    }

    private static String require(JsonNode node, String field) {
        String value = TriggerMetadata.field(node, field);
        if (value == null || value.isEmpty()) {
            throw FunctionException.badRequest("malformed-event", "The Event Grid event has no '" + field + "'");
        }
        return value;
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
