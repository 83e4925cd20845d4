package dev.fnkit.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.core.Json;

import java.io.IOException;

/** Lambda's error documents: {@code {"errorMessage": ..., "errorType": ...}}. */
final class ErrorJson {
    private ErrorJson() {
    }

    static byte[] of(String errorType, String message) {
        ObjectNode error = Json.mapper().createObjectNode();
        error.put("errorMessage", message);
        error.put("errorType", errorType);
        return Json.encode(error);
    }

    static boolean isObject(byte[] body) {
        return tree(body) instanceof ObjectNode;
    }

    /** The {@code errorType} of an error document, or null. */
    static String errorType(byte[] body) {
        JsonNode tree = tree(body);
        JsonNode type = tree == null ? null : tree.get("errorType");
        return type == null || !type.isTextual() ? null : type.asText();
    }

    private static JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
