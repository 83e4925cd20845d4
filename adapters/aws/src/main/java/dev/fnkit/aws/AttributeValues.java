package dev.fnkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Body;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB's attribute-value JSON ({@code {"S":"a"}}, {@code {"N":"1"}}, ...) to plain JSON values and back:
 * {@code S} → string, {@code N} → number ({@link Long} when integral and in range, else {@link BigDecimal}),
 * {@code B} → base64 string, {@code BOOL} → boolean, {@code NULL} → null, {@code M} → map, {@code L} → list,
 * {@code SS}/{@code NS}/{@code BS} → lists of strings, numbers, base64 strings.
 */
final class AttributeValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AttributeValues() {
    }

    /** An item (a map of attribute values) as plain values; empty when absent. */
    static Map<String, Object> item(JsonNode item, String where, EventJson json) {
        if (item == null || item.isNull()) {
            return Map.of();
        }
        if (!item.isObject()) {
            throw json.malformed(where + " is not a map of attribute values");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        item.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue(), where + "." + e.getKey(), json)));
        return out;
    }

    static Object plain(JsonNode value, String where, EventJson json) {
        if (value == null || !value.isObject() || value.size() != 1) {
            throw json.malformed(where + " is not an attribute value such as {\"S\": \"text\"}");
        }
        Map.Entry<String, JsonNode> typed = value.fields().next();
        JsonNode v = typed.getValue();
        return switch (typed.getKey()) {
            case "S", "B" -> v.asText();
            case "N" -> number(v.asText(), where, json);
            case "BOOL" -> v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(v.asText());
            case "NULL" -> null;
            case "M" -> item(v, where, json);
            case "L" -> {
                List<Object> list = new ArrayList<>(v.size());
                int i = 0;
                for (JsonNode element : v) {
                    list.add(plain(element, where + "[" + i++ + "]", json));
                }
                yield list;
            }
            case "SS", "BS" -> {
                List<Object> list = new ArrayList<>(v.size());
                v.forEach(element -> list.add(element.asText()));
                yield list;
            }
            case "NS" -> {
                List<Object> list = new ArrayList<>(v.size());
                v.forEach(element -> list.add(number(element.asText(), where, json)));
                yield list;
            }
            default -> throw json.malformed(where + " has the unknown attribute type '" + typed.getKey() + "'");
        };
    }

    private static Object number(String text, String where, EventJson json) {
        try {
            BigDecimal decimal = new BigDecimal(text.trim());
            if (decimal.scale() <= 0 || decimal.stripTrailingZeros().scale() <= 0) {
                BigInteger integer = decimal.toBigIntegerExact();
                if (integer.bitLength() < 64) {
                    return integer.longValue();
                }
            }
            return decimal;
        } catch (NumberFormatException | ArithmeticException e) {
            throw json.malformed(where + " has the malformed number '" + text + "'");
        }
    }

    /** Plain values as an item of attribute values, the inverse of {@link #item} (lists stay {@code L}). */
    static ObjectNode toItem(Map<String, Object> values) {
        ObjectNode item = NODES.objectNode();
        values.forEach((name, value) -> item.set(name, toValue(value)));
        return item;
    }

    @SuppressWarnings("unchecked")
    static ObjectNode toValue(Object value) {
        ObjectNode node = NODES.objectNode();
        if (value == null) {
            node.put("NULL", true);
        } else if (value instanceof CharSequence text) {
            node.put("S", text.toString());
        } else if (value instanceof Number number) {
            node.put("N", number instanceof BigDecimal d ? d.toPlainString() : number.toString());
        } else if (value instanceof Boolean bool) {
            node.put("BOOL", bool);
        } else if (value instanceof byte[] bytes) {
            node.put("B", Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof Body body) {
            node.put("B", body.base64());
        } else if (value instanceof Map<?, ?> map) {
            node.set("M", toItem((Map<String, Object>) map));
        } else if (value instanceof Collection<?> list) {
            ArrayNode array = node.putArray("L");
            list.forEach(element -> array.add(toValue(element)));
        } else {
            node.put("S", value.toString());
        }
        return node;
    }
}
