package dev.fnkit.api;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Immutable query parameters: case-sensitive names, each with all its values in order. */
public final class QueryParameters {
    /** No parameters. */
    public static final QueryParameters EMPTY = new QueryParameters(MultiMap.EMPTY);

    private final MultiMap map;

    private QueryParameters(MultiMap map) {
        this.map = map;
    }

    /** Parameters from a map of names to (already decoded) values. */
    public static QueryParameters of(Map<String, ? extends Collection<String>> values) {
        Builder builder = builder();
        values.forEach(builder::addAll);
        return builder.build();
    }

    /**
     * Parses a raw query string ({@code a=1&a=2&b=x%20y}, without the leading {@code ?}): repeated names keep every
     * value, {@code +} and percent escapes are decoded, a name without {@code =} has the empty value.
     *
     * @throws FunctionException with status 400 for a malformed percent escape
     */
    public static QueryParameters parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return EMPTY;
        }
        Builder builder = builder();
        int start = 0;
        int length = rawQuery.length();
        while (start <= length) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    builder.add(decode(rawQuery.substring(start, end)), "");
                } else if (eq > start) {
                    builder.add(decode(rawQuery.substring(start, eq)), decode(rawQuery.substring(eq + 1, end)));
                }
            }
            start = end + 1;
        }
        return builder.build();
    }

    private static String decode(String part) {
        if (part.indexOf('%') < 0 && part.indexOf('+') < 0) {
            return part;
        }
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw FunctionException.badRequest("malformed-query", "Malformed percent escape in query parameter '"
                    + part + "'");
        }
    }

    public static Builder builder() {
        return new Builder(new MultiMap.Builder(false));
    }

    public Builder toBuilder() {
        return new Builder(new MultiMap.Builder(map));
    }

    /** The first value of a parameter. */
    public Optional<String> first(String name) {
        return map.first(name);
    }

    /** Every value of a parameter, in order; empty when absent. */
    public List<String> all(String name) {
        return map.all(name);
    }

    public boolean contains(String name) {
        return map.contains(name);
    }

    public Set<String> names() {
        return map.names();
    }

    /** An unmodifiable view: name to its values. */
    public Map<String, List<String>> asMap() {
        return map.asMap();
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    /** The parameters as a query string, percent-encoded, without the leading {@code ?}. */
    public String encode() {
        StringBuilder out = new StringBuilder();
        map.asMap().forEach((name, values) -> {
            for (String value : values) {
                if (out.length() > 0) {
                    out.append('&');
                }
                out.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryParameters other && map.equals(other.map);
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }

    @Override
    public String toString() {
        return "QueryParameters" + map;
    }

    /** Builds {@link QueryParameters}. */
    public static final class Builder {
        private final MultiMap.Builder map;

        private Builder(MultiMap.Builder map) {
            this.map = map;
        }

        public Builder add(String name, String value) {
            map.add(name, value);
            return this;
        }

        public Builder addAll(String name, Collection<String> values) {
            map.addAll(name, values);
            return this;
        }

        public Builder set(String name, String value) {
            map.set(name, value);
            return this;
        }

        public QueryParameters build() {
            return new QueryParameters(map.build());
        }
    }
}
