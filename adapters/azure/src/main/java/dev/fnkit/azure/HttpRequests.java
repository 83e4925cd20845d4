package dev.fnkit.azure;

import com.microsoft.azure.functions.HttpRequestMessage;
import dev.fnkit.api.Body;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.QueryParameters;
import dev.fnkit.core.Router;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * {@link HttpRequestMessage} → portable {@link HttpRequest}.
 *
 * <ul>
 *   <li>Path and query come from the request URL, which the host builds from the raw path and query string: the
 *       query keeps repeated names and empty values, which the worker's single-valued query map loses.</li>
 *   <li>Headers arrive single-valued, lower-cased, with repeated headers joined by {@code ,}: each becomes one
 *       value.</li>
 *   <li>Path parameters come from matching the function's own route templates against the path (the host's route
 *       values are not visible to Java); when the host has a route prefix, leading segments are skipped until a
 *       template matches.</li>
 *   <li>The source IP is the first {@code X-Forwarded-For} address, without its port.</li>
 * </ul>
 */
final class HttpRequests {
    private HttpRequests() {
    }

    static HttpRequest read(HttpRequestMessage<Optional<byte[]>> message, Router router) {
        URI uri = message.getUri();
        String path = uri == null || uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String rawQuery = uri == null ? null : uri.getRawQuery();
        String method = message.getHttpMethod() == null ? "GET" : message.getHttpMethod().name();
        Headers headers = headers(message.getHeaders());
        HttpRequest.Builder request = HttpRequest.builder()
                .method(method)
                .path(path)
                .query(rawQuery != null ? QueryParameters.parse(rawQuery) : single(message.getQueryParameters()))
                .headers(headers)
                .body(body(message.getBody()))
                .sourceIp(sourceIp(headers));
        Map<String, String> parameters = pathParameters(router, method, path);
        if (!parameters.isEmpty()) {
            request.pathParameters(parameters);
        }
        return request.build();
    }

    private static Headers headers(Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            return Headers.EMPTY;
        }
        Headers.Builder headers = Headers.builder();
        values.forEach((name, value) -> {
            if (name != null && !name.isEmpty()) {
                headers.add(name, value);
            }
        });
        return headers.build();
    }

    private static QueryParameters single(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return QueryParameters.EMPTY;
        }
        QueryParameters.Builder builder = QueryParameters.builder();
        query.forEach(builder::add);
        return builder.build();
    }

    private static Body body(Optional<byte[]> body) {
        return body == null ? Body.EMPTY : body.map(Body::of).orElse(Body.EMPTY);
    }

    /** Matches the path, then the path without its first segments (a host route prefix such as {@code /api}). */
    static Map<String, String> pathParameters(Router router, String method, String path) {
        String candidate = path;
        while (true) {
            if (router.route(method, candidate) instanceof Router.Match match) {
                return match.pathParameters();
            }
            int next = candidate.indexOf('/', 1);
            if (next < 0) {
                return Map.of();
            }
            candidate = candidate.substring(next);
        }
    }

    private static String sourceIp(Headers headers) {
        String forwarded = headers.first("x-forwarded-for").orElse(null);
        if (forwarded == null || forwarded.isBlank()) {
            return null;
        }
        String first = forwarded.split(",", 2)[0].trim();
        if (first.startsWith("[")) {
            int end = first.indexOf(']');
            return end > 0 ? first.substring(1, end) : first;
        }
        int colon = first.indexOf(':');
        return colon > 0 && first.indexOf(':', colon + 1) < 0 ? first.substring(0, colon) : first;
    }
}
