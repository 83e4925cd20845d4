package dev.fnkit.benchmarks.aws;

import com.fasterxml.jackson.databind.JsonNode;

/** The hand-written floor for an HTTP API (payload 2.0) event; also the bare handler of the cold-start runs. */
public final class HttpApiFloor extends JacksonFloor {
    @Override
    String method(JsonNode event) {
        return event.path("requestContext").path("http").path("method").asText();
    }

    @Override
    String path(JsonNode event) {
        return event.path("rawPath").asText();
    }
}
