package dev.fnkit.selfhosted.edge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.core.Json;

import java.io.IOException;

/** Reads admin requests' JSON bodies. */
public final class JsonBodies {
    private JsonBodies() {
    }

    /**
     * The request's body as a JSON object; an empty one for an empty body.
     *
     * @throws IllegalArgumentException when the body is not a JSON object
     */
    public static JsonNode object(HttpRequest request) {
        if (request.body().isEmpty()) {
            return Json.mapper().createObjectNode();
        }
        try {
            JsonNode node = Json.mapper().readTree(request.body().bytes());
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body is not valid JSON");
        }
    }
}
