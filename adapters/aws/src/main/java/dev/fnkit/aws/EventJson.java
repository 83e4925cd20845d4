package dev.fnkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.FunctionException;
import dev.fnkit.core.Json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading native event JSON with errors that name the event source and the missing or malformed field, e.g.
 * {@code Function 'orders' takes SQS events: record 0 has no 'messageId'}.
 */
final class EventJson {
    private final String function;
    private final String source;

    /**
     * @param function the function's name
     * @param source   the expected event source, as people call it ({@code SQS}, {@code S3}, ...)
     */
    EventJson(String function, String source) {
        this.function = function;
        this.source = source;
    }

    /** The event as a tree; a 400 when it is not a JSON object. */
    JsonNode parse(byte[] bytes) {
        JsonNode root;
        try {
            root = Json.tree(bytes);
        } catch (FunctionException e) {
            throw malformed("the event is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw malformed("the event is not a JSON object");
        }
        return root;
    }

    /** The {@code Records} array (records of an SQS, SNS, S3, Kinesis or DynamoDB Streams event). */
    JsonNode records(JsonNode root) {
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            throw malformed("the event has no 'Records' array");
        }
        return records;
    }

    /**
     * Checks a record's event source marker ({@code aws:sqs} in {@code eventSource}, or {@code EventSource} as SNS
     * spells it) when the record carries one.
     */
    void checkSource(JsonNode record, int index, String expected) {
        JsonNode marker = record.has("eventSource") ? record.get("eventSource") : record.get("EventSource");
        if (marker != null && marker.isTextual() && !expected.equals(marker.asText())) {
            throw malformed("record " + index + " comes from '" + marker.asText() + "', not '" + expected + "'");
        }
    }

    /** A required text field; {@code where} is e.g. {@code "record 0"}. */
    String text(JsonNode node, String field, String where) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw malformed(where + " has no '" + field + "'");
        }
        return value.asText();
    }

    /** A required object field. */
    JsonNode object(JsonNode node, String field, String where) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isObject()) {
            throw malformed(where + " has no '" + field + "' object");
        }
        return value;
    }

    FunctionException malformed(String problem) {
        return FunctionException.badRequest("malformed-event", "Function '" + function + "' takes " + source
                + " events: " + problem);
    }

    /** An optional text field, or null. */
    static String optionalText(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /** An ISO-8601 time, or null when absent or malformed. */
    static Instant isoTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Epoch milliseconds as text ({@code "1545082649183"}), or null. */
    static Instant epochMillis(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Epoch seconds, possibly fractional ({@code 1545084650.987}), or null. */
    static Instant epochSeconds(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            BigDecimal seconds = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim());
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** An instant as the time of an event envelope, or null. */
    static OffsetDateTime envelopeTime(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The last part of an ARN after {@code marker} ({@code :} for queues, {@code stream/} for streams), or null. */
    static String arnName(String arn, String marker) {
        if (arn == null) {
            return null;
        }
        int at = arn.lastIndexOf(marker);
        return at < 0 ? null : arn.substring(at + marker.length());
    }

    /** A JSON tree's bytes, as an event's raw data. */
    static Body bytes(JsonNode node) {
        return Body.of(Json.encode(node));
    }

    /** Values of a map of objects, each value taken from {@code valueField}: message attributes. */
    static Map<String, String> attributes(JsonNode map, String... valueFields) {
        if (map == null || !map.isObject() || map.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.fields().forEachRemaining(entry -> {
            for (String field : valueFields) {
                String value = optionalText(entry.getValue(), field);
                if (value != null) {
                    out.put(entry.getKey(), value);
                    return;
                }
            }
        });
        return out;
    }
}
