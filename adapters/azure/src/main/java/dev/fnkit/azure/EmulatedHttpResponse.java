package dev.fnkit.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import dev.fnkit.api.Body;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Json;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An {@link HttpResponseMessage} and its builder, behaving as the Java worker's: {@code header(name, value)} replaces
 * an earlier value of the same name, the status is any code. {@link #toPortable()} gives what a client of the host
 * receives: each header name once (the host skips a name it already wrote, whatever its case), a {@code byte[]} or
 * {@code String} body as is and anything else as JSON.
 */
final class EmulatedHttpResponse implements HttpResponseMessage, HttpResponseMessage.Builder {
    private HttpStatusType status = HttpStatusType.custom(200);
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Object body;

    @Override
    public HttpResponseMessage.Builder status(HttpStatusType status) {
        this.status = status;
        return this;
    }

    @Override
    public HttpResponseMessage.Builder header(String key, String value) {
        headers.put(key, value);
        return this;
    }

    @Override
    public HttpResponseMessage.Builder body(Object body) {
        this.body = body;
        return this;
    }

    @Override
    public HttpResponseMessage build() {
        return this;
    }

    @Override
    public HttpStatusType getStatus() {
        return status;
    }

    @Override
    public String getHeader(String key) {
        return headers.get(key);
    }

    @Override
    public Object getBody() {
        return body;
    }

    /** The response as the host sends it. */
    static HttpResponse toPortable(HttpResponseMessage message) {
        Headers.Builder headers = Headers.builder();
        Set<String> written = new HashSet<>();
        if (message instanceof EmulatedHttpResponse emulated) {
            emulated.headers.forEach((name, value) -> {
                if (written.add(name.toLowerCase(Locale.ROOT))) {
                    headers.add(name, value == null ? "" : value);
                }
            });
        }
        Object content = message.getBody();
        Body body;
        if (content == null) {
            body = Body.EMPTY;
        } else if (content instanceof byte[] bytes) {
            body = Body.of(bytes);
        } else if (content instanceof String text) {
            body = Body.of(text);
        } else {
            try {
                body = Body.of(Json.mapper().writeValueAsBytes(content));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return new HttpResponse(message.getStatusCode(), headers.build(), body);
    }
}
