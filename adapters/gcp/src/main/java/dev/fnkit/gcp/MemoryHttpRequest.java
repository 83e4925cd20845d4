package dev.fnkit.gcp;

import com.google.cloud.functions.HttpRequest;
import dev.fnkit.api.QueryParameters;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory Functions Framework request, as the invoker would hand one over: an origin-form URI, headers keyed
 * case-insensitively with every value, and the body as a stream.
 */
final class MemoryHttpRequest implements HttpRequest {
    private final String method;
    private final String uri;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    MemoryHttpRequest(String method, String uri, Map<String, List<String>> headers, byte[] body) {
        this.method = method;
        this.uri = uri;
        Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> sorted.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(sorted);
        this.body = body;
    }

    /** The native form of a portable request. */
    static MemoryHttpRequest of(dev.fnkit.api.HttpRequest request) {
        String query = request.query().encode();
        return new MemoryHttpRequest(request.method(), request.path() + (query.isEmpty() ? "" : "?" + query),
                request.headers().asMap(), request.body().bytes());
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getUri() {
        return uri;
    }

    @Override
    public String getPath() {
        String path = GcpRequests.rawPath(uri);
        return path == null ? "/" : path;
    }

    @Override
    public Optional<String> getQuery() {
        return Optional.ofNullable(GcpRequests.rawQuery(uri));
    }

    @Override
    public Map<String, List<String>> getQueryParameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>(QueryParameters.parse(getQuery().orElse(null))
                .asMap());
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Map<String, HttpPart> getParts() {
        throw new IllegalStateException("multipart parts are not emulated");
    }

    @Override
    public Optional<String> getContentType() {
        return getFirstHeader("content-type");
    }

    @Override
    public long getContentLength() {
        return body.length;
    }

    @Override
    public Optional<String> getCharacterEncoding() {
        return getContentType().flatMap(MemoryHttpRequest::charset);
    }

    @Override
    public InputStream getInputStream() {
        return new ByteArrayInputStream(body);
    }

    @Override
    public BufferedReader getReader() {
        Charset charset = getCharacterEncoding().map(Charset::forName).orElse(StandardCharsets.UTF_8);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    private static Optional<String> charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String p = parameter.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return Optional.of(p.substring(8).replace("\"", "").trim());
            }
        }
        return Optional.empty();
    }
}
