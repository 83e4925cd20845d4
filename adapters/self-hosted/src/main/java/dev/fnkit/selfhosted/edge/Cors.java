package dev.fnkit.selfhosted.edge;

import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A function's CORS policy: the origins ({@code *} for any), methods and request headers browsers may use, and how
 * long they may cache a preflight. The gateway answers preflights itself and adds the allow headers to the
 * responses of allowed origins.
 *
 * @param origins       allowed origins, exactly as browsers send them, or {@code *}
 * @param methods       allowed methods, upper case
 * @param headers       allowed request headers, lower case, or {@code *}
 * @param maxAgeSeconds how long a preflight may be cached
 */
record Cors(Set<String> origins, List<String> methods, Set<String> headers, long maxAgeSeconds) {
    static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    static final Set<String> DEFAULT_HEADERS = Set.of("content-type", "authorization", "x-api-key", "x-request-id");
    private static final String EXPOSED = "x-request-id, retry-after, content-type";

    Cors {
        origins = Set.copyOf(origins);
        methods = List.copyOf(methods);
        headers = Set.copyOf(headers);
    }

    boolean allows(String origin) {
        return origin != null && (origins.contains("*") || origins.contains(origin));
    }

    /** True for an {@code OPTIONS} request carrying {@code Origin} and {@code Access-Control-Request-Method}. */
    static boolean isPreflight(HttpRequest request) {
        return request.method().equals("OPTIONS") && request.header("origin").isPresent()
                && request.header("access-control-request-method").isPresent();
    }

    /** The answer to a preflight: 204 with the allow headers, or a 403 naming what is not allowed. */
    HttpResponse preflight(HttpRequest request, String function, String requestId) {
        String origin = request.header("origin").orElse("");
        String method = request.header("access-control-request-method").orElse("").strip()
                .toUpperCase(Locale.ROOT);
        if (!allows(origin)) {
            return refuse("origin '" + origin + "' may not call function '" + function + "'", requestId);
        }
        if (!methods.contains(method)) {
            return refuse("method " + method + " is not allowed for function '" + function + "' (allowed: "
                    + String.join(", ", methods) + ")", requestId);
        }
        List<String> requested = new ArrayList<>();
        for (String header : request.header("access-control-request-headers").orElse("").split(",")) {
            String name = header.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                if (!headers.contains("*") && !headers.contains(name)) {
                    return refuse("request header '" + name + "' is not allowed for function '" + function + "'",
                            requestId);
                }
                requested.add(name);
            }
        }
        HttpResponse.Builder response = HttpResponse.status(204)
                .header("access-control-allow-origin", origin)
                .header("vary", "Origin")
                .header("access-control-allow-methods", String.join(", ", methods))
                .header("access-control-max-age", Long.toString(maxAgeSeconds));
        if (!requested.isEmpty()) {
            response.header("access-control-allow-headers", String.join(", ", requested));
        }
        return response.build();
    }

    /** The headers an allowed origin's response carries; empty for any other origin. */
    Headers responseHeaders(String origin) {
        if (!allows(origin)) {
            return Headers.EMPTY;
        }
        return Headers.of("access-control-allow-origin", origin, "vary", "Origin",
                "access-control-expose-headers", EXPOSED);
    }

    private static HttpResponse refuse(String detail, String requestId) {
        return new Problem(403, "cors-rejected", "CORS preflight refused: " + detail, requestId).toResponse();
    }
}
