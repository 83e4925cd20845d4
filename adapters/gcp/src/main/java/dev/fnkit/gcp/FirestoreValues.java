package dev.fnkit.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.events.cloud.firestore.v1.Value;
import com.google.protobuf.Timestamp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Firestore {@code Value}s and plain JSON values, both ways: protobuf and proto3-JSON values become maps, lists,
 * strings, numbers, booleans and null (timestamps as RFC 3339 strings, bytes as base64, geo points as
 * {@code {"latitude", "longitude"}}, references as their resource name); plain values become proto3-JSON values.
 * Map keys come out sorted, since Firestore maps are unordered.
 */
final class FirestoreValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FirestoreValues() {
    }

    /** A document's protobuf fields as plain values. */
    static Map<String, Object> fromProto(Map<String, Value> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        new TreeMap<>(fields).forEach((name, value) -> out.put(name, fromProto(value)));
        return out;
    }

    static Object fromProto(Value value) {
        return switch (value.getValueTypeCase()) {
            case NULL_VALUE, VALUETYPE_NOT_SET -> null;
            case BOOLEAN_VALUE -> value.getBooleanValue();
            case INTEGER_VALUE -> value.getIntegerValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case TIMESTAMP_VALUE -> instant(value.getTimestampValue()).toString();
            case STRING_VALUE -> value.getStringValue();
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case REFERENCE_VALUE -> value.getReferenceValue();
            case GEO_POINT_VALUE -> geoPoint(value.getGeoPointValue().getLatitude(),
                    value.getGeoPointValue().getLongitude());
            case ARRAY_VALUE -> {
                List<Object> list = new ArrayList<>(value.getArrayValue().getValuesCount());
                for (Value item : value.getArrayValue().getValuesList()) {
                    list.add(fromProto(item));
                }
                yield list;
            }
            case MAP_VALUE -> fromProto(value.getMapValue().getFieldsMap());
        };
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    /**
     * A document's proto3-JSON fields ({@code {"name": {"stringValue": "x"}, ...}}) as plain values.
     *
     * @throws IllegalArgumentException naming the field whose value is not a Firestore value
     */
    static Map<String, Object> fieldsFromJson(JsonNode fields, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (fields == null || fields.isNull()) {
            return out;
        }
        if (!fields.isObject()) {
            throw new IllegalArgumentException("'" + path + "' is not a JSON object");
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        fields.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((name, value) -> out.put(name, fromJson(value, path + "." + name)));
        return out;
    }

    static Object fromJson(JsonNode value, String path) {
        if (value == null || !value.isObject() || value.size() != 1) {
            throw new IllegalArgumentException("'" + path + "' is not a Firestore value (an object with one member"
                    + " such as stringValue or integerValue)");
        }
        Map.Entry<String, JsonNode> member = value.properties().iterator().next();
        JsonNode v = member.getValue();
        try {
            return switch (member.getKey()) {
                case "nullValue" -> null;
                case "booleanValue" -> v.asBoolean();
                case "integerValue" -> Long.parseLong(v.asText());
                case "doubleValue" -> v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText());
                case "timestampValue" -> OffsetDateTime.parse(v.asText()).toInstant().toString();
                case "stringValue", "referenceValue" -> v.asText();
                case "bytesValue" -> Base64.getEncoder().encodeToString(Base64.getDecoder().decode(v.asText()));
                case "geoPointValue" -> geoPoint(v.path("latitude").asDouble(), v.path("longitude").asDouble());
                case "arrayValue" -> {
                    List<Object> list = new ArrayList<>();
                    int i = 0;
                    for (JsonNode item : v.path("values")) {
                        list.add(fromJson(item, path + "[" + i++ + "]"));
                    }
                    yield list;
                }
                case "mapValue" -> fieldsFromJson(v.get("fields"), path);
                default -> throw new IllegalArgumentException("'" + path + "' has the unknown Firestore value type '"
                        + member.getKey() + "'");
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("'" + path + "' has an invalid " + member.getKey() + ": " + v, e);
        }
    }

    /** Plain values as a document's proto3-JSON fields. */
    static ObjectNode fieldsToJson(Map<String, ?> fields) {
        ObjectNode out = NODES.objectNode();
        fields.forEach((name, value) -> out.set(name, toJson(value)));
        return out;
    }

    /**
     * A plain value as a proto3-JSON Firestore value.
     *
     * @throws IllegalArgumentException for a value that has no Firestore form
     */
    static ObjectNode toJson(Object value) {
        ObjectNode out = NODES.objectNode();
        if (value == null) {
            out.putNull("nullValue");
        } else if (value instanceof Boolean b) {
            out.put("booleanValue", b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            out.put("integerValue", value.toString());
        } else if (value instanceof Number n) {
            out.put("doubleValue", n instanceof BigDecimal d ? d.doubleValue() : n.doubleValue());
        } else if (value instanceof CharSequence s) {
            out.put("stringValue", s.toString());
        } else if (value instanceof Instant || value instanceof OffsetDateTime) {
            out.put("timestampValue", value instanceof OffsetDateTime t ? t.toInstant().toString() : value.toString());
        } else if (value instanceof byte[] bytes) {
            out.put("bytesValue", Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> fields = new LinkedHashMap<>();
            map.forEach((k, v) -> fields.put(String.valueOf(k), v));
            out.putObject("mapValue").set("fields", fieldsToJson(fields));
        } else if (value instanceof Collection<?> list) {
            ArrayNode values = out.putObject("arrayValue").putArray("values");
            for (Object item : list) {
                values.add(toJson(item));
            }
        } else {
            throw new IllegalArgumentException("a " + value.getClass().getName() + " has no Firestore value form");
        }
        return out;
    }

    private static Map<String, Object> geoPoint(double latitude, double longitude) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("latitude", latitude);
        point.put("longitude", longitude);
        return point;
    }
}
