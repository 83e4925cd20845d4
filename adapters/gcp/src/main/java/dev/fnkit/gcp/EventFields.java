package dev.fnkit.gcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.FunctionException;
import dev.fnkit.core.Json;
import io.cloudevents.CloudEvent;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads the JSON data of a Google CloudEvent field by field. Every problem is a 400 {@link FunctionException} coded
 * {@code malformed-event} that names the kind of event expected, the event and the field at fault.
 */
final class EventFields {
    static final String MALFORMED = "malformed-event";

    private final String what;
    private final CloudEvent event;

    /**
     * @param what  the kind of event expected, e.g. {@code Pub/Sub messagePublished event}
     * @param event the event being read
     */
    EventFields(String what, CloudEvent event) {
        this.what = what;
        this.event = event;
    }

    /** The event's data as bytes; a malformed-event error when it has none. */
    byte[] bytes() {
        byte[] data = event.getData() == null ? null : event.getData().toBytes();
        if (data == null || data.length == 0) {
            throw malformed("has no data");
        }
        return data;
    }

    /** The event's data as a JSON object. */
    ObjectNode object() {
        byte[] data = bytes();
        JsonNode node;
        try {
            node = Json.mapper().readTree(data);
        } catch (JsonProcessingException e) {
            throw malformed("has data that is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed("has data that cannot be read: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw malformed("has data that is not a JSON object");
        }
        return object;
    }

    /** A member that must be a JSON object. */
    ObjectNode requireObject(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw malformed("has no '" + path + "' in its data");
        }
        if (!(value instanceof ObjectNode object)) {
            throw malformed("has a '" + path + "' that is not a JSON object");
        }
        return object;
    }

    /** A member that may be absent or null, and otherwise must be a JSON object. */
    ObjectNode optionalObject(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            throw malformed("has a '" + path + "' that is not a JSON object");
        }
        return object;
    }

    /** A string member, or null when absent; numbers and booleans are taken as their text. */
    String text(JsonNode parent, String field, String path) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw malformed("has a '" + path + "' that is not a string");
        }
        return value.asText();
    }

    /** An RFC 3339 timestamp member, or null when absent. */
    Instant instant(JsonNode parent, String field, String path) {
        String text = text(parent, field, path);
        return text == null || text.isEmpty() ? null : instant(text, path);
    }

    /** An RFC 3339 timestamp. */
    Instant instant(String text, String path) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed("has a '" + path + "' that is not an RFC 3339 timestamp: '" + text + "'");
        }
    }

    /** A whole-number member, or {@code fallback} when absent (JSON numbers and decimal strings are accepted). */
    long number(JsonNode parent, String field, String path, long fallback) {
        String text = text(parent, field, path);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw malformed("has a '" + path + "' that is not a whole number: '" + text + "'");
        }
    }

    /** The malformed-event error for this event. */
    FunctionException malformed(String problem) {
        return FunctionException.badRequest(MALFORMED, "The " + what + " " + event.getId() + " " + problem);
    }

    /** The segment of a resource name after {@code marker}, e.g. the topic in {@code .../topics/T}; or null. */
    static String after(String resource, String marker) {
        if (resource == null) {
            return null;
        }
        int at = resource.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int start = at + marker.length();
        int end = resource.indexOf('/', start);
        String segment = resource.substring(start, end < 0 ? resource.length() : end);
        return segment.isEmpty() ? null : segment;
    }
}
