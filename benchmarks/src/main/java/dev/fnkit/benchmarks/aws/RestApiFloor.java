package dev.fnkit.benchmarks.aws;

import com.fasterxml.jackson.databind.JsonNode;

/** The hand-written floor for an API Gateway REST API (proxy) event. */
public final class RestApiFloor extends JacksonFloor {
    @Override
    String method(JsonNode event) {
        return event.path("httpMethod").asText();
    }

    @Override
    String path(JsonNode event) {
        return event.path("path").asText();
    }
}
