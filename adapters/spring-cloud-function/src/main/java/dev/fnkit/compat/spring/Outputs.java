package dev.fnkit.compat.spring;

import dev.fnkit.api.Body;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Json;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import java.util.Optional;

/** Turns a bean's result into a typed function's result or an HTTP response. */
final class Outputs {
    private Outputs() {
    }

    /** A value for fnkit to encode as JSON: a {@code Message}'s payload, JSON bytes as a tree, text as a string. */
    static Object typed(Object result) {
        Object value = result instanceof Message<?> message ? message.getPayload() : result;
        if (value instanceof byte[] bytes) {
            Body body = Body.of(bytes);
            return looksLikeJson(body) ? Json.tree(bytes) : body.text();
        }
        return value;
    }

    /**
     * The response: 202 after a consumer, 204 for no result, text for a {@code String}, bytes for {@code byte[]},
     * JSON otherwise; a {@code Message}'s {@code contentType} header sets the content type.
     */
    static HttpResponse http(SpringBean bean, Object result) {
        if (result == null) {
            return bean.consumer() ? HttpResponse.status(202).build() : HttpResponse.noContent();
        }
        Optional<String> contentType = Optional.empty();
        Object value = result;
        if (result instanceof Message<?> message) {
            value = message.getPayload();
            Object header = message.getHeaders().get(MessageHeaders.CONTENT_TYPE);
            contentType = Optional.ofNullable(header).map(Object::toString);
        }
        if (value instanceof String text) {
            return HttpResponse.status(200).contentType(contentType.orElse("text/plain; charset=utf-8")).text(text);
        }
        if (value instanceof byte[] bytes) {
            return HttpResponse.status(200).contentType(contentType.orElse(looksLikeJson(Body.of(bytes))
                    ? Inputs.JSON : "application/octet-stream")).bytes(bytes);
        }
        return HttpResponse.json(value);
    }

    private static boolean looksLikeJson(Body body) {
        String text = body.utf8().orElse("").strip();
        return text.startsWith("{") || text.startsWith("[") || text.startsWith("\"");
    }
}
