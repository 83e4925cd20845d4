package dev.fnkit.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads trigger metadata as the Java worker hands it to a {@code String} parameter. The host converts each value
 * with {@code ToRpc}: strings arrive as they are, everything else (numbers other than doubles, dates, dictionaries)
 * as its Newtonsoft JSON — so a date is a quoted string, a count is {@code 3}, and a .NET {@code DateTime} of
 * unspecified kind has no offset (it is UTC). Unreadable values become null or the fallback, never an error.
 */
final class TriggerMetadata {
    private TriggerMetadata() {
    }

    /** The value as text: a JSON string is unquoted, anything else is kept as it came. */
    static String text(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.trim();
        if (trimmed.length() >= 2 && trimmed.charAt(0) == '"' && trimmed.charAt(trimmed.length() - 1) == '"') {
            try {
                return Json.mapper().readValue(trimmed, String.class);
            } catch (JsonProcessingException e) {
                return trimmed.substring(1, trimmed.length() - 1);
            }
        }
        return trimmed.isEmpty() || "null".equals(trimmed) ? null : trimmed;
    }

    static int integer(String raw, int fallback) {
        String text = text(raw);
        if (text == null) {
            return fallback;
        }
        try {
            return (int) Math.min(Integer.MAX_VALUE, Long.parseLong(text));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static Instant time(String raw) {
        String text = text(raw);
        return text == null ? null : parseTime(text);
    }

    /** An ISO-8601 date-time; without an offset it is UTC. */
    static Instant parseTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** A JSON value, or null when the text is not JSON. */
    static JsonNode json(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Json.mapper().readTree(raw);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A JSON object's members as strings (text as is, other values as JSON); empty for anything else. */
    static Map<String, String> properties(String raw) {
        JsonNode node = json(raw);
        if (node != null && node.isTextual()) {
            node = json(node.asText());
        }
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> properties.put(e.getKey(), nodeText(e.getValue())));
        return properties;
    }

    /** A member's text, or null when absent or JSON null. */
    static String field(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value == null || value.isNull() ? null : nodeText(value);
    }

    private static String nodeText(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
