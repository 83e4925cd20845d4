package dev.fnkit.compat.gcp;

import com.google.cloud.functions.HttpResponse;
import dev.fnkit.api.Body;
import dev.fnkit.api.Headers;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Functions Framework's {@link HttpResponse}, kept in memory and turned into a portable response when the
 * function returns: status (200 unless set), every appended header value, and the bytes written through the stream
 * or the writer (one of them, as in the Functions Framework).
 */
final class BufferedHttpResponse implements HttpResponse {
    private int status = 200;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private BufferedWriter writer;
    private boolean streamUsed;

    @Override
    public void setStatusCode(int code) {
        status = code;
    }

    @Override
    public void setStatusCode(int code, String message) {
        status = code;
    }

    @Override
    public void setContentType(String contentType) {
        List<String> values = new ArrayList<>(1);
        values.add(contentType);
        headers.put("content-type", values);
    }

    @Override
    public Optional<String> getContentType() {
        List<String> values = headers.get("content-type");
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public void appendHeader(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.equals("content-type")) {
            setContentType(value);
        } else {
            headers.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
        }
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return Collections.unmodifiableMap(headers);
    }

    @Override
    public OutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() was already called");
        }
        streamUsed = true;
        return body;
    }

    @Override
    public synchronized BufferedWriter getWriter() {
        if (streamUsed) {
            throw new IllegalStateException("getOutputStream() was already called");
        }
        if (writer == null) {
            writer = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
        }
        return writer;
    }

    /** The response as written so far. */
    dev.fnkit.api.HttpResponse toPortable() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        return new dev.fnkit.api.HttpResponse(status, Headers.of(headers), Body.of(body.toByteArray()));
    }
}
