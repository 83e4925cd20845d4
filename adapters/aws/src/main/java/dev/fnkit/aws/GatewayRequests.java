package dev.fnkit.aws;

import dev.fnkit.api.Body;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Maps one gateway shape's event onto a portable request. {@link #method} and {@link #path} come first so the request
 * can be routed before it is built.
 */
interface GatewayRequests {
    /** The mapping for a shape. */
    static GatewayRequests of(GatewayShape shape) {
        return switch (shape) {
            case REST_V1 -> RestApiRequests.INSTANCE;
            case HTTP_API_V2, FUNCTION_URL -> HttpApiRequests.INSTANCE;
            case ALB_SINGLE, ALB_MULTI -> AlbRequests.INSTANCE;
        };
    }

    /** The method in upper case. */
    String method(GatewayEvent event, GatewayShape shape);

    /** The percent-encoded path relative to the API. */
    String path(GatewayEvent event, GatewayShape shape);

    /** The request without path parameters. */
    HttpRequest.Builder request(GatewayEvent event, GatewayShape shape, String method, String path);

    /** The body, base64-decoded when the event says so. */
    static Body body(GatewayEvent event, GatewayShape shape) {
        String body = event.body;
        if (body == null || body.isEmpty()) {
            return Body.EMPTY;
        }
        if (!event.base64) {
            return Body.of(body.getBytes(StandardCharsets.UTF_8));
        }
        try {
            return Body.of(Base64.getDecoder().decode(body));
        } catch (IllegalArgumentException e) {
            throw FunctionException.badRequest("malformed-event", "The " + shape.description()
                    + " event has isBase64Encoded true but its body is not base64: " + e.getMessage());
        }
    }

    /** A required field, or a 400 naming the shape and the field. */
    static String require(String value, GatewayShape shape, String field) {
        if (value == null || value.isEmpty()) {
            throw FunctionException.badRequest("malformed-event", "The " + shape.description() + " event has no '"
                    + field + "'");
        }
        return value;
    }
}
