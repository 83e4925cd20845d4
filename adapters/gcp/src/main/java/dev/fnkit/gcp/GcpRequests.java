package dev.fnkit.gcp;

import com.google.cloud.functions.HttpRequest;
import dev.fnkit.api.Body;
import dev.fnkit.api.Headers;
import dev.fnkit.api.QueryParameters;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Turns the Functions Framework's {@link HttpRequest} into the portable request: method, the raw (still
 * percent-encoded) path and query taken from the request URI, every header value, and the body read as bytes.
 */
final class GcpRequests {
    private GcpRequests() {
    }

    /** Every header with every value, names case-insensitive. */
    static Headers headers(HttpRequest request) {
        Map<String, List<String>> values = request.getHeaders();
        if (values == null || values.isEmpty()) {
            return Headers.EMPTY;
        }
        Headers.Builder headers = Headers.builder();
        for (Map.Entry<String, List<String>> header : values.entrySet()) {
            headers.addAll(header.getKey(), header.getValue());
        }
        return headers.build();
    }

    /**
     * The portable request.
     *
     * @throws dev.fnkit.api.FunctionException 400 for a query with a malformed percent escape
     */
    static dev.fnkit.api.HttpRequest read(HttpRequest request, Headers headers) throws IOException {
        String uri = request.getUri();
        String path = rawPath(uri);
        if (path == null) {
            path = request.getPath();
        }
        String query = rawQuery(uri);
        if (query == null) {
            query = request.getQuery().orElse(null);
        }
        return dev.fnkit.api.HttpRequest.builder()
                .method(request.getMethod())
                .path(path)
                .query(QueryParameters.parse(query))
                .headers(headers)
                .body(readBody(request))
                .sourceIp(sourceIp(headers))
                .build();
    }

    private static Body readBody(HttpRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return Body.of(in.readAllBytes());
        }
    }

    /** The path of a request URI (absolute like {@code http://host/p?q} or origin-form like {@code /p?q}). */
    static String rawPath(String uri) {
        if (uri == null || uri.isEmpty()) {
            return null;
        }
        int start;
        if (uri.charAt(0) == '/') {
            start = 0;
        } else {
            int scheme = uri.indexOf("://");
            if (scheme <= 0) {
                return null;
            }
            start = scheme + 3;
            while (start < uri.length() && "/?#".indexOf(uri.charAt(start)) < 0) {
                start++;
            }
            if (start == uri.length() || uri.charAt(start) != '/') {
                return "/";
            }
        }
        int end = uri.length();
        int q = uri.indexOf('?', start);
        if (q >= 0) {
            end = q;
        }
        int hash = uri.indexOf('#', start);
        if (hash >= 0 && hash < end) {
            end = hash;
        }
        return start == end ? "/" : uri.substring(start, end);
    }

    /** The raw query of a request URI, or null when it has none. */
    static String rawQuery(String uri) {
        if (uri == null) {
            return null;
        }
        int q = uri.indexOf('?');
        if (q < 0) {
            return null;
        }
        int hash = uri.indexOf('#', q);
        return uri.substring(q + 1, hash < 0 ? uri.length() : hash);
    }

    /** The client's address: the first entry of {@code X-Forwarded-For}, which Google's front end sets. */
    private static String sourceIp(Headers headers) {
        List<String> forwarded = headers.all("x-forwarded-for");
        if (forwarded.isEmpty()) {
            return null;
        }
        String value = forwarded.get(0);
        int comma = value.indexOf(',');
        String ip = (comma < 0 ? value : value.substring(0, comma)).trim();
        return ip.isEmpty() ? null : ip;
    }
}
