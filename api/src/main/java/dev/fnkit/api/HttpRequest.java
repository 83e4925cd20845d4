package dev.fnkit.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable HTTP request as every provider delivers it to a portable {@link HttpFunction}: method, raw path, path
 * parameters from the matched route template, multi-valued query and headers, cookies, a binary-safe body and the
 * caller's address.
 */
public final class HttpRequest {
    private final String method;
    private final String path;
    private final Map<String, String> pathParameters;
    private final QueryParameters query;
    private final Headers headers;
    private final Body body;
    private final String sourceIp;
    private volatile Map<String, String> cookies;

    private HttpRequest(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.pathParameters = b.pathParameters;
        this.query = b.query;
        this.headers = b.headers;
        this.body = b.body;
        this.sourceIp = b.sourceIp;
        this.cookies = b.cookies;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A request with this method and path, the path possibly carrying a raw query after {@code ?}. */
    public static Builder builder(String method, String pathAndQuery) {
        Builder builder = new Builder().method(method);
        int q = pathAndQuery.indexOf('?');
        if (q < 0) {
            return builder.path(pathAndQuery);
        }
        return builder.path(pathAndQuery.substring(0, q)).query(QueryParameters.parse(pathAndQuery.substring(q + 1)));
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.method = method;
        b.path = path;
        b.pathParameters = pathParameters;
        b.query = query;
        b.headers = headers;
        b.body = body;
        b.sourceIp = sourceIp;
        b.cookies = cookies;
        return b;
    }

    /** The method in upper case, e.g. {@code GET}. */
    public String method() {
        return method;
    }

    /** The path as sent, still percent-encoded, without the query. */
    public String path() {
        return path;
    }

    /** Values of the route template's variables, decoded; empty when the route has none. */
    public Map<String, String> pathParameters() {
        return pathParameters;
    }

    /** A path parameter's value. */
    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(pathParameters.get(name));
    }

    public QueryParameters query() {
        return query;
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParameter(String name) {
        return query.first(name);
    }

    public Headers headers() {
        return headers;
    }

    /** The first value of a header (names are case-insensitive). */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** Request cookies by name, parsed from the {@code Cookie} headers; the first of a repeated name wins. */
    public Map<String, String> cookies() {
        Map<String, String> parsed = cookies;
        if (parsed == null) {
            parsed = parseCookies(headers);
            cookies = parsed;
        }
        return parsed;
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies().get(name));
    }

    public Body body() {
        return body;
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return body.text();
    }

    /** The body decoded from JSON; a malformed body is a {@link FunctionException} with status 400. */
    public <T> T bodyAs(Class<T> type) {
        return body.as(type);
    }

    /** The {@code Content-Type} header. */
    public Optional<String> contentType() {
        return headers.first("content-type");
    }

    /** The caller's IP address as the platform saw it, when known. */
    public Optional<String> sourceIp() {
        return Optional.ofNullable(sourceIp);
    }

    private static Map<String, String> parseCookies(Headers headers) {
        var values = headers.all("cookie");
        if (values.isEmpty()) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String header : values) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!name.isEmpty()) {
                    result.putIfAbsent(name, value);
                }
            }
        }
        return Collections.unmodifiableMap(result);
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query.encode());
    }

    /** Builds an {@link HttpRequest}. */
    public static final class Builder {
        private String method = "GET";
        private String path = "/";
        private Map<String, String> pathParameters = Map.of();
        private QueryParameters query = QueryParameters.EMPTY;
        private Headers headers = Headers.EMPTY;
        private Body body = Body.EMPTY;
        private String sourceIp;
        private Map<String, String> cookies;

        private Builder() {
        }

        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            return this;
        }

        /** The raw (still percent-encoded) path, without the query. */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            this.path = path.isEmpty() ? "/" : path;
            return this;
        }

        public Builder pathParameters(Map<String, String> pathParameters) {
            this.pathParameters = Map.copyOf(pathParameters);
            return this;
        }

        public Builder query(QueryParameters query) {
            this.query = Objects.requireNonNull(query, "query");
            return this;
        }

        public Builder headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            this.cookies = null;
            return this;
        }

        /** Adds one header value to those already set. */
        public Builder header(String name, String value) {
            this.headers = headers.toBuilder().add(name, value).build();
            this.cookies = null;
            return this;
        }

        /**
         * Cookies the platform already parsed (e.g. an HTTP API {@code cookies} array); otherwise they are parsed
         * from the {@code Cookie} headers on first use.
         */
        public Builder cookies(Map<String, String> cookies) {
            this.cookies = Collections.unmodifiableMap(new LinkedHashMap<>(cookies));
            return this;
        }

        public Builder body(Body body) {
            this.body = body == null ? Body.EMPTY : body;
            return this;
        }

        public Builder body(byte[] body) {
            return body(Body.of(body));
        }

        public Builder body(String body) {
            return body(Body.of(body));
        }

        public Builder sourceIp(String sourceIp) {
            this.sourceIp = sourceIp;
            return this;
        }

        public HttpRequest build() {
            return new HttpRequest(this);
        }
    }
}
