package dev.fnkit.benchmarks.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnkit.samples.hello.Hello;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The floor for API Gateway events: what a careful hand-written {@link RequestStreamHandler} does with Jackson for
 * {@code GET /hello/{name}}: read the event tree, take method and path, answer the greeting as a proxy response.
 */
abstract class JacksonFloor implements RequestStreamHandler {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] NOT_FOUND = "{\"message\":\"not found\"}".getBytes(StandardCharsets.UTF_8);

    /** The request's method in this event shape. */
    abstract String method(JsonNode event);

    /** The request's path in this event shape. */
    abstract String path(JsonNode event);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = MAPPER.readTree(input);
        String path = path(event);
        int status = 200;
        byte[] body;
        if ("GET".equals(method(event)) && path.startsWith("/hello/") && path.indexOf('/', 7) < 0) {
            body = MAPPER.writeValueAsBytes(new Hello.Greeting("Hello, " + path.substring(7) + "!"));
        } else {
            status = 404;
            body = NOT_FOUND;
        }
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(output)) {
            json.writeStartObject();
            json.writeNumberField("statusCode", status);
            json.writeObjectFieldStart("headers");
            json.writeStringField("content-type", "application/json");
            json.writeEndObject();
            json.writeFieldName("body");
            json.writeUTF8String(body, 0, body.length);
            json.writeBooleanField("isBase64Encoded", false);
            json.writeEndObject();
        }
    }
}
