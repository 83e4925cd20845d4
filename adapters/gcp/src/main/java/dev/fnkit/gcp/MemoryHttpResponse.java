package dev.fnkit.gcp;

import com.google.cloud.functions.HttpResponse;
import dev.fnkit.api.Body;
import dev.fnkit.api.Headers;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An in-memory Functions Framework response that keeps every header value and the body's bytes. */
final class MemoryHttpResponse implements HttpResponse {
    private int status = 200;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private BufferedWriter writer;

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
        headers.put("Content-Type", values);
    }

    @Override
    public Optional<String> getContentType() {
        List<String> values = headers.get("Content-Type");
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public void appendHeader(String name, String value) {
        if (name.equalsIgnoreCase("content-type")) {
            setContentType(value);
            return;
        }
        headers.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return Collections.unmodifiableMap(headers);
    }

    @Override
    public OutputStream getOutputStream() {
        return body;
    }

    @Override
    public synchronized BufferedWriter getWriter() {
        if (writer == null) {
            writer = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
        }
        return writer;
    }

    /** What was written, as a portable response. */
    dev.fnkit.api.HttpResponse toPortable() throws java.io.IOException {
        if (writer != null) {
            writer.flush();
        }
        return new dev.fnkit.api.HttpResponse(status, Headers.of(headers), Body.of(body.toByteArray()));
    }
}
