package dev.fnkit.local.junit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Json;
import org.opentest4j.AssertionFailedError;

/**
 * Fluent checks on an {@link HttpResponse}; each failure says what was expected and shows the response.
 *
 * <pre>{@code
 * fnkit.get("/hello/Ada").assertStatus(200).assertHeader("content-type", "application/json")
 *      .assertJson("message", "Hello, Ada!");
 * }</pre>
 */
public final class ResponseAssert {
    private final HttpResponse response;

    ResponseAssert(HttpResponse response) {
        this.response = response;
    }

    /** The response itself. */
    public HttpResponse response() {
        return response;
    }

    public int status() {
        return response.status();
    }

    /** The body as UTF-8 text. */
    public String text() {
        return response.bodyText();
    }

    /** The body parsed as JSON. */
    public JsonNode json() {
        return Json.tree(response.body().bytes());
    }

    /** The body decoded from JSON into a type. */
    public <T> T json(Class<T> type) {
        return Json.decode(response.body().bytes(), type);
    }

    public ResponseAssert assertStatus(int expected) {
        if (response.status() != expected) {
            throw fail("status " + expected, String.valueOf(response.status()));
        }
        return this;
    }

    /** The header's first value starts with {@code expected} (so media type parameters may follow). */
    public ResponseAssert assertHeader(String name, String expected) {
        String actual = response.header(name).orElse(null);
        if (actual == null || !actual.startsWith(expected)) {
            throw fail("header " + name + ": " + expected, String.valueOf(actual));
        }
        return this;
    }

    public ResponseAssert assertBody(String expected) {
        if (!response.bodyText().equals(expected)) {
            throw fail("body " + expected, response.bodyText());
        }
        return this;
    }

    /**
     * The JSON value at a path ({@code message}, {@code order.id}, {@code items.0.name}) equals {@code expected}
     * (compared as JSON: strings, numbers, booleans, or null).
     */
    public ResponseAssert assertJson(String path, Object expected) {
        JsonNode node = json();
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.isArray() && part.chars().allMatch(Character::isDigit)
                    ? node.get(Integer.parseInt(part)) : node.get(part);
        }
        JsonNode want = Json.mapper().valueToTree(expected);
        if (node == null ? !want.isNull() : !node.equals(want)) {
            throw fail(path + " = " + want, node == null ? "absent" : node.toString());
        }
        return this;
    }

    /** An RFC 9457 problem with this status and code. */
    public ResponseAssert assertProblem(int status, String code) {
        assertStatus(status).assertHeader("content-type", "application/problem+json");
        return assertJson("code", code);
    }

    private AssertionFailedError fail(String expected, String actual) {
        return new AssertionFailedError("Expected " + expected + " but was " + actual + "\nResponse: "
                + response.status() + " " + response.headers() + "\n" + response.bodyText(), expected, actual);
    }
}
