package dev.fnkit.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.events.cloud.firestore.v1.Document;
import com.google.events.cloud.firestore.v1.DocumentEventData;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.ChangeType;
import io.cloudevents.CloudEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Firestore {@code google.cloud.firestore.document.v1.{created,updated,deleted,written}} events (and their
 * {@code .withAuthContext} variants) as {@link ChangeRecord}s. The data is a {@code DocumentEventData}: protobuf by
 * default ({@code application/protobuf}), decoded with Google's published event types, or its proto3 JSON form.
 * Keys are the document's {@code name} (resource name) and {@code id}; the source is its collection path.
 */
final class FirestoreEvents {
    static final String TYPE_PREFIX = "google.cloud.firestore.document.v1.";
    static final String WHAT = "Firestore document event";
    static final String AUTH_SUFFIX = ".withAuthContext";

    private FirestoreEvents() {
    }

    /** The kind of a Firestore event type ({@code created}, {@code updated}, ...), or null for another type. */
    static String kind(String type) {
        if (type == null || !type.startsWith(TYPE_PREFIX)) {
            return null;
        }
        String kind = type.substring(TYPE_PREFIX.length());
        if (kind.endsWith(AUTH_SUFFIX)) {
            kind = kind.substring(0, kind.length() - AUTH_SUFFIX.length());
        }
        return switch (kind) {
            case "created", "updated", "deleted", "written" -> kind;
            default -> null;
        };
    }

    /** The document states of one change, fields already plain. */
    private record Snapshot(String name, Map<String, Object> fields, Instant updateTime) {
    }

    /**
     * The change record.
     *
     * @param fallbackSource the collection to report when the document name gives none
     * @throws dev.fnkit.api.FunctionException 400 {@code malformed-event} for data that is neither a protobuf nor a
     *                                         JSON {@code DocumentEventData}, or that names no document
     */
    static ChangeRecord read(CloudEvent event, String fallbackSource) {
        EventFields fields = new EventFields(WHAT, event);
        String kind = kind(event.getType());
        byte[] data = fields.bytes();
        Snapshot value;
        Snapshot oldValue;
        if (isJson(event.getDataContentType(), data)) {
            ObjectNode json = fields.object();
            value = snapshot(fields, fields.optionalObject(json, "value", "value"), "value");
            oldValue = snapshot(fields, fields.optionalObject(json, "oldValue", "oldValue"), "oldValue");
        } else {
            DocumentEventData proto;
            try {
                proto = DocumentEventData.parseFrom(data);
            } catch (InvalidProtocolBufferException e) {
                throw fields.malformed("has data that is not a protobuf DocumentEventData ("
                        + event.getDataContentType() + "): " + e.getMessage());
            }
            value = proto.hasValue() ? snapshot(proto.getValue()) : null;
            oldValue = proto.hasOldValue() ? snapshot(proto.getOldValue()) : null;
        }
        String name = value != null && !value.name().isEmpty() ? value.name()
                : oldValue != null && !oldValue.name().isEmpty() ? oldValue.name() : documentFromEvent(event);
        if (name == null) {
            throw fields.malformed("names no document: it has neither 'value.name' nor 'oldValue.name', nor a"
                    + " subject documents/<path>");
        }
        String path = documentPath(name);
        int slash = path.lastIndexOf('/');
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("name", name);
        keys.put("id", path.substring(slash + 1));
        String collection = slash > 0 ? path.substring(0, slash) : fallbackSource;
        Instant time = event.getTime() != null ? event.getTime().toInstant()
                : value != null ? value.updateTime() : null;
        return new ChangeRecord(collection, changeType(kind, value, oldValue), keys,
                value == null ? Map.of() : value.fields(), oldValue == null ? Map.of() : oldValue.fields(), null,
                time);
    }

    private static ChangeType changeType(String kind, Snapshot value, Snapshot oldValue) {
        if ("created".equals(kind)) {
            return ChangeType.INSERT;
        } else if ("deleted".equals(kind)) {
            return ChangeType.REMOVE;
        } else if ("updated".equals(kind)) {
            return ChangeType.MODIFY;
        }
        return oldValue == null ? ChangeType.INSERT : value == null ? ChangeType.REMOVE : ChangeType.MODIFY;
    }

    private static Snapshot snapshot(Document document) {
        return new Snapshot(document.getName(), FirestoreValues.fromProto(document.getFieldsMap()),
                document.hasUpdateTime() ? FirestoreValues.instant(document.getUpdateTime()) : null);
    }

    private static Snapshot snapshot(EventFields fields, ObjectNode document, String path) {
        if (document == null) {
            return null;
        }
        try {
            String name = fields.text(document, "name", path + ".name");
            JsonNode values = document.get("fields");
            return new Snapshot(name == null ? "" : name, FirestoreValues.fieldsFromJson(values, path + ".fields"),
                    fields.instant(document, "updateTime", path + ".updateTime"));
        } catch (IllegalArgumentException e) {
            throw fields.malformed("has a document field that is not valid: " + e.getMessage());
        }
    }

    private static String documentFromEvent(CloudEvent event) {
        String subject = event.getSubject();
        if (subject != null && subject.startsWith("documents/") && subject.length() > "documents/".length()) {
            return subject;
        }
        Object document = event.getExtension("document");
        return document == null || document.toString().isEmpty() ? null : "documents/" + document;
    }

    /** The document's path within its database: what follows {@code /documents/} (or {@code documents/}). */
    private static String documentPath(String name) {
        int at = name.indexOf("/documents/");
        if (at >= 0) {
            return name.substring(at + "/documents/".length());
        }
        return name.startsWith("documents/") ? name.substring("documents/".length()) : name;
    }

    private static boolean isJson(String contentType, byte[] data) {
        if (contentType != null) {
            String type = contentType.toLowerCase(Locale.ROOT);
            if (type.startsWith("application/protobuf") || type.startsWith("application/x-protobuf")) {
                return false;
            }
            if (type.contains("json")) {
                return true;
            }
        }
        for (byte b : data) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }
}
