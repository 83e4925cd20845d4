package dev.fnkit.api;

import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP method and a path template that an {@link HttpFunction} serves. Templates are literal segments and
 * variables: {@code /orders/{id}} matches one segment, {@code /files/{+path}} (last only) matches the rest of the
 * path including slashes.
 *
 * @param method   an HTTP method in upper case, or {@code *} for any method
 * @param template the path template, starting with {@code /}
 */
public record Route(String method, String template) {
    /** The method of a route that accepts every method. */
    public static final String ANY_METHOD = "*";

    public Route {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(template, "template");
    }

    public boolean anyMethod() {
        return ANY_METHOD.equals(method);
    }
}
