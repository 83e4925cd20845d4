package dev.fnkit.core;

import dev.fnkit.api.FunctionException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed route template such as {@code /orders/{id}} or {@code /files/{+path}}: literal segments, one-segment
 * variables and a trailing catch-all variable. Matching decodes variable values; a trailing slash is ignored.
 */
public final class RouteTemplate implements Comparable<RouteTemplate> {
    /** One part of a template between slashes. */
    public sealed interface Segment {
    }

    /** A segment that must appear as written. */
    public record Literal(String text) implements Segment {
    }

    /** A variable matching one segment. */
    public record Variable(String name) implements Segment {
    }

    /** A variable matching the rest of the path, slashes included; only last. */
    public record CatchAll(String name) implements Segment {
    }

    private final String template;
    private final List<Segment> segments;
    private final boolean oneVariable;

    private RouteTemplate(String template, List<Segment> segments) {
        this.template = template;
        this.segments = segments;
        this.oneVariable = variables(segments) == 1;
    }

    private static int variables(List<Segment> segments) {
        int count = 0;
        for (Segment segment : segments) {
            if (!(segment instanceof Literal)) {
                count++;
            }
        }
        return count;
    }

    /** Parses a template, failing with a message that says what is wrong with it. */
    public static RouteTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("route template '" + template + "' must start with '/'");
        }
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] parts = trimSlash(template).substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                if (parts.length == 1) {
                    break;
                }
                throw new IllegalArgumentException("route template '" + template + "' has an empty segment");
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                boolean catchAll = part.startsWith("{+");
                String name = part.substring(catchAll ? 2 : 1, part.length() - 1);
                if (!isIdentifier(name)) {
                    throw new IllegalArgumentException("route template '" + template + "' has an invalid variable '"
                            + part + "': names are letters, digits and '_', not starting with a digit");
                }
                if (!names.add(name)) {
                    throw new IllegalArgumentException("route template '" + template + "' repeats the variable '"
                            + name + "'");
                }
                if (catchAll && i != parts.length - 1) {
                    throw new IllegalArgumentException("route template '" + template + "' has the catch-all '"
                            + part + "' before the last segment");
                }
                segments.add(catchAll ? new CatchAll(name) : new Variable(name));
            } else if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
                throw new IllegalArgumentException("route template '" + template + "' has a malformed segment '"
                        + part + "': a variable must be a whole segment like {id}");
            } else if (part.indexOf('?') >= 0 || part.indexOf('#') >= 0) {
                throw new IllegalArgumentException("route template '" + template + "' must not contain '?' or '#'");
            } else {
                segments.add(new Literal(part));
            }
        }
        return new RouteTemplate(template, List.copyOf(segments));
    }

    public String template() {
        return template;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Variable names in order. */
    public List<String> variables() {
        List<String> out = new ArrayList<>();
        for (Segment s : segments) {
            if (s instanceof Variable v) {
                out.add(v.name());
            } else if (s instanceof CatchAll c) {
                out.add(c.name());
            }
        }
        return out;
    }

    /**
     * Matches a raw (percent-encoded) path; returns the decoded variable values, or null when it does not match.
     *
     * @throws FunctionException 400 when a variable's value has a malformed percent escape
     */
    public Map<String, String> match(String rawPath) {
        String path = trimSlash(rawPath);
        int pos = path.startsWith("/") ? 1 : 0;
        Map<String, String> values = null;
        for (Segment segment : segments) {
            if (segment instanceof CatchAll c) {
                if (pos >= path.length()) {
                    return null;
                }
                return put(values, c.name(), decode(path.substring(pos)));
            }
            if (pos > path.length()) {
                return null;
            }
            int end = path.indexOf('/', pos);
            if (end < 0) {
                end = path.length();
            }
            if (end == pos) {
                return null;
            }
            if (segment instanceof Literal l) {
                if (!path.regionMatches(pos, l.text(), 0, l.text().length()) || end - pos != l.text().length()) {
                    return null;
                }
            } else if (segment instanceof Variable v) {
                values = put(values, v.name(), decode(path.substring(pos, end)));
            }
            pos = end + 1;
        }
        if (pos < path.length()) {
            return null;
        }
        return values == null ? Map.of() : values;
    }

    /** More specific templates sort first: literals before variables before catch-alls, longer before shorter. */
    @Override
    public int compareTo(RouteTemplate other) {
        int n = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(rank(segments.get(i)), rank(other.segments.get(i)));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(other.segments.size(), segments.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteTemplate other && segmentsShape().equals(other.segmentsShape());
    }

    @Override
    public int hashCode() {
        return segmentsShape().hashCode();
    }

    @Override
    public String toString() {
        return template;
    }

    private List<Object> segmentsShape() {
        List<Object> shape = new ArrayList<>();
        for (Segment s : segments) {
            shape.add(s instanceof Literal l ? l.text() : s instanceof Variable ? "{}" : "{+}");
        }
        return shape;
    }

    private static int rank(Segment s) {
        return s instanceof Literal ? 0 : s instanceof Variable ? 1 : 2;
    }

    /** Adds a variable's value; a template's only variable gets an immutable map, with no copy needed later. */
    private Map<String, String> put(Map<String, String> values, String name, String value) {
        if (oneVariable) {
            return Map.of(name, value);
        }
        Map<String, String> out = values == null ? new LinkedHashMap<>(4) : values;
        out.put(name, value);
        return out;
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw FunctionException.badRequest("malformed-path", "Malformed percent escape in path segment '"
                    + raw + "'");
        }
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
