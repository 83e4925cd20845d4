package dev.fnkit.compat.aws;

import dev.fnkit.api.Body;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Request and response bodies as API Gateway carries them: text bodies (a textual content type and valid UTF-8) as
 * they are, anything else base64-encoded with {@code isBase64Encoded} set; an empty body is absent.
 */
final class GatewayBodies {
    private GatewayBodies() {
    }

    /** The body field of an event: its text, base64 when binary, or null when there is no body. */
    record Encoded(String body, boolean base64) {
    }

    static Encoded encode(HttpRequest request) {
        Body body = request.body();
        if (body.isEmpty()) {
            return new Encoded(null, false);
        }
        Optional<String> text = isText(request.contentType().orElse(null)) ? body.utf8() : Optional.empty();
        return text.map(t -> new Encoded(t, false)).orElseGet(() -> new Encoded(body.base64(), true));
    }

    /** A handler's response body, decoded. */
    static Body decode(String body, Boolean base64) {
        if (body == null || body.isEmpty()) {
            return Body.EMPTY;
        }
        if (!Boolean.TRUE.equals(base64)) {
            return Body.of(body.getBytes(StandardCharsets.UTF_8));
        }
        try {
            return Body.of(Base64.getMimeDecoder().decode(body));
        } catch (IllegalArgumentException e) {
            throw new FunctionException(502, "invalid-lambda-response",
                    "The handler's response says isBase64Encoded but its body is not base64: " + e.getMessage());
        }
    }

    /** The handler's status code, checked as API Gateway does. */
    static int status(Integer statusCode) {
        if (statusCode == null || statusCode < 100 || statusCode > 599) {
            throw new FunctionException(502, "invalid-lambda-response",
                    "The handler's response has no valid statusCode (" + statusCode + ")");
        }
        return statusCode;
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String mime = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        return mime.startsWith("text/") || mime.endsWith("/json") || mime.endsWith("+json") || mime.endsWith("/xml")
                || mime.endsWith("+xml") || mime.equals("application/javascript")
                || mime.equals("application/x-www-form-urlencoded");
    }
}
