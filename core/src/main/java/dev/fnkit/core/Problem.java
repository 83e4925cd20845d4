package dev.fnkit.core;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.fnkit.api.Body;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every error response fnkit writes ({@code application/problem+json}):
 * {@code type}, {@code title}, {@code status}, {@code detail}, plus fnkit's {@code code} and {@code requestId}.
 *
 * @param status    the HTTP status
 * @param code      a short machine-readable code, e.g. {@code malformed-json}
 * @param detail    what went wrong, safe to show the caller
 * @param requestId the invocation's request id, or null
 */
public record Problem(int status, String code, String detail, String requestId) {
    /** The media type of problem bodies. */
    public static final String CONTENT_TYPE = "application/problem+json";
    /** The prefix of the {@code type} URI; the code follows it. */
    public static final String TYPE_PREFIX = "https://fnkit.dev/problems/";

    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
            Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(417, "Expectation Failed"),
            Map.entry(422, "Unprocessable Content"), Map.entry(429, "Too Many Requests"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    /** The standard title of a status. */
    public static String title(int status) {
        return TITLES.getOrDefault(status, status < 500 ? "Client Error" : "Server Error");
    }

    /** The 404 for a request no function serves. */
    public static HttpResponse notFound(String method, String path) {
        return new Problem(404, "not-found", "No function serves " + method + " " + path, null).toResponse();
    }

    /** The 405 for a method the path does not take, with the {@code Allow} header. */
    public static HttpResponse methodNotAllowed(String method, String path, Collection<String> allowed) {
        String allow = String.join(", ", allowed);
        return new Problem(405, "method-not-allowed", method + " is not allowed on " + path + "; allowed: " + allow,
                null).toResponse(Headers.of("allow", allow));
    }

    /** The problem's {@code type} URI. */
    public String type() {
        return TYPE_PREFIX + code;
    }

    /** The JSON body. */
    public Body body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", type());
            json.writeStringField("title", title(status));
            json.writeNumberField("status", status);
            json.writeStringField("detail", detail);
            json.writeStringField("code", code);
            if (requestId != null) {
                json.writeStringField("requestId", requestId);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Body.of(out.toByteArray());
    }

    /** The whole response. */
    public HttpResponse toResponse() {
        return toResponse(Headers.EMPTY);
    }

    /** The whole response with extra headers (e.g. {@code Allow}, {@code Retry-After}). */
    public HttpResponse toResponse(Headers extra) {
        Headers.Builder headers = extra.toBuilder().set("content-type", CONTENT_TYPE);
        return new HttpResponse(status, headers.build(), body());
    }
}
