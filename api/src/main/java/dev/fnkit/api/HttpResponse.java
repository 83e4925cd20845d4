package dev.fnkit.api;

import java.util.Objects;
import java.util.Optional;

/**
 * An immutable HTTP response: status, multi-valued headers (each {@code Set-Cookie} a separate value) and a
 * binary-safe body.
 *
 * <pre>{@code
 * HttpResponse.json(Map.of("message", "hi"));
 * HttpResponse.status(201).header("Location", "/orders/7").cookie(SetCookie.of("s", "1")).json(order);
 * }</pre>
 *
 * @param status  the status code, 100 to 599
 * @param headers the headers
 * @param body    the body
 */
public record HttpResponse(int status, Headers headers, Body body) {
    public HttpResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100 to 599 but was " + status);
        }
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** A builder for a response with this status. */
    public static Builder status(int status) {
        return new Builder().status(status);
    }

    /** A builder for a 200 response. */
    public static Builder builder() {
        return new Builder();
    }

    /** 200 with this value as JSON. */
    public static HttpResponse json(Object value) {
        return builder().json(value);
    }

    /** 200 with this text as {@code text/plain; charset=utf-8}. */
    public static HttpResponse text(String text) {
        return builder().text(text);
    }

    /** 204 without a body. */
    public static HttpResponse noContent() {
        return status(204).build();
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return body.text();
    }

    public Builder toBuilder() {
        Builder b = new Builder().status(status).body(body);
        b.headers = headers.toBuilder();
        return b;
    }

    /** Builds an {@link HttpResponse}. */
    public static final class Builder {
        private int status = 200;
        private Headers.Builder headers = Headers.builder();
        private Body body = Body.EMPTY;

        private Builder() {
        }

        public Builder status(int status) {
            this.status = status;
            return this;
        }

        /** Adds a header value, keeping earlier values of the same header. */
        public Builder header(String name, String value) {
            headers.add(name, checkValue(name, value));
            return this;
        }

        /** Replaces every value of a header. */
        public Builder setHeader(String name, String value) {
            headers.set(name, checkValue(name, value));
            return this;
        }

        public Builder contentType(String contentType) {
            return setHeader("content-type", contentType);
        }

        /** Adds a {@code Set-Cookie} header. */
        public Builder cookie(SetCookie cookie) {
            headers.add("set-cookie", cookie.headerValue());
            return this;
        }

        public Builder body(Body body) {
            this.body = body == null ? Body.EMPTY : body;
            return this;
        }

        public Builder body(byte[] body) {
            return body(Body.of(body));
        }

        /** Builds with this body; sets {@code application/octet-stream} unless a content type is set. */
        public HttpResponse bytes(byte[] body) {
            defaultContentType("application/octet-stream");
            return body(body).build();
        }

        /** Builds with this text; sets {@code text/plain; charset=utf-8} unless a content type is set. */
        public HttpResponse text(String text) {
            defaultContentType("text/plain; charset=utf-8");
            return body(Body.of(text)).build();
        }

        /** Builds with this value as JSON; sets {@code application/json} unless a content type is set. */
        public HttpResponse json(Object value) {
            defaultContentType("application/json");
            return body(Body.json(value)).build();
        }

        public HttpResponse build() {
            return new HttpResponse(status, headers.build(), body);
        }

        private void defaultContentType(String type) {
            if (!headers.contains("content-type")) {
                headers.set("content-type", type);
            }
        }

        private static String checkValue(String name, String value) {
            Objects.requireNonNull(value, "value");
            if (hasControl(name) || hasControl(value)) {
                throw new IllegalArgumentException("header '" + name.strip()
                        + "' contains CR or LF or another control character");
            }
            return value;
        }

        /** True for CR, LF, NUL and the other controls no HTTP field may hold (a tab is allowed). */
        static boolean hasControl(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    return true;
                }
            }
            return false;
        }
    }
}
