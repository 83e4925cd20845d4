package dev.fnkit.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.fnkit.api.FunctionLogger;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes a portable response in the format of the gateway the request came from.
 *
 * <ul>
 *   <li>REST (payload 1.0): {@code statusCode}, {@code multiValueHeaders} (every value, each {@code set-cookie}
 *   separate), {@code body}, {@code isBase64Encoded}. API Gateway decodes a base64 body only for the API's binary
 *   media types.</li>
 *   <li>HTTP API and function URL (payload 2.0): {@code statusCode}, {@code headers} (repeated values joined with
 *   {@code ", "}), {@code cookies} (one entry per {@code Set-Cookie}, never joined), {@code body},
 *   {@code isBase64Encoded}.</li>
 *   <li>ALB: {@code statusCode}, {@code statusDescription} ({@code "200 OK"}), and {@code multiValueHeaders} when the
 *   request came with multi-value headers, else {@code headers}, where repeated list-valued headers are joined and
 *   other repeated headers (such as several {@code set-cookie}) keep only their last value, with a warning: enable
 *   multi-value headers on the target group to send them all.</li>
 * </ul>
 * A body goes as base64 when it is not UTF-8 text or its content type is not textual ({@link ResponseBodies}). When
 * the shape is unknown (a malformed event), the answer uses the fields all shapes accept.
 */
final class GatewayResponses {
    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private GatewayResponses() {
    }

    static void write(GatewayShape shape, HttpResponse response, OutputStream out, FunctionLogger logger)
            throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("statusCode", response.status());
            if (shape == null) {
                singleValueHeaders(json, response, null, logger);
            } else {
                switch (shape) {
                    case REST_V1 -> multiValueHeaders(json, response.headers().asMap());
                    case HTTP_API_V2, FUNCTION_URL -> {
                        singleValueHeaders(json, response, "set-cookie", logger);
                        cookies(json, response.headers().all("set-cookie"));
                    }
                    case ALB_MULTI -> {
                        json.writeStringField("statusDescription", ReasonPhrases.statusLine(response.status()));
                        multiValueHeaders(json, response.headers().asMap());
                    }
                    case ALB_SINGLE -> {
                        json.writeStringField("statusDescription", ReasonPhrases.statusLine(response.status()));
                        singleValueHeaders(json, response, null, logger);
                    }
                }
            }
            body(json, response);
            json.writeEndObject();
        }
    }

    private static void multiValueHeaders(JsonGenerator json, Map<String, List<String>> headers) throws IOException {
        json.writeObjectFieldStart("multiValueHeaders");
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            json.writeArrayFieldStart(header.getKey());
            for (String value : header.getValue()) {
                json.writeString(value);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /**
     * {@code headers} with one value per name: list-valued headers (and, on payload 2.0, every header) joined with
     * {@code ", "}; others keep their last value.
     */
    private static void singleValueHeaders(JsonGenerator json, HttpResponse response, String skip,
                                           FunctionLogger logger) throws IOException {
        boolean joinAll = "set-cookie".equals(skip);
        json.writeObjectFieldStart("headers");
        for (Map.Entry<String, List<String>> header : response.headers().asMap().entrySet()) {
            String name = header.getKey();
            List<String> values = header.getValue();
            if (name.equals(skip) || values.isEmpty()) {
                continue;
            }
            if (values.size() == 1) {
                json.writeStringField(name, values.get(0));
            } else if (joinAll || ListHeaders.LIST_VALUED.contains(name) || isJoinable(name)) {
                json.writeStringField(name, String.join(", ", values));
            } else {
                logger.warn("The response has " + values.size() + " '" + name + "' headers but the load balancer"
                        + " target group does not use multi-value headers: only the last is sent");
                json.writeStringField(name, values.get(values.size() - 1));
            }
        }
        json.writeEndObject();
    }

    private static boolean isJoinable(String name) {
        return switch (name) {
            case "allow", "vary", "access-control-allow-headers", "access-control-allow-methods",
                 "access-control-expose-headers", "www-authenticate", "link", "warning" -> true;
            default -> false;
        };
    }

    private static void cookies(JsonGenerator json, List<String> setCookies) throws IOException {
        if (setCookies.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart("cookies");
        for (String cookie : setCookies) {
            json.writeString(cookie);
        }
        json.writeEndArray();
    }

    private static void body(JsonGenerator json, HttpResponse response) throws IOException {
        byte[] bytes = response.body().bytes();
        boolean base64 = ResponseBodies.needsBase64(response.header("content-type").orElse(null), bytes);
        json.writeFieldName("body");
        if (base64) {
            json.writeBinary(bytes);
        } else {
            json.writeUTF8String(bytes, 0, bytes.length);
        }
        json.writeBooleanField("isBase64Encoded", base64);
    }
}
