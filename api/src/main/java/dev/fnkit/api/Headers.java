package dev.fnkit.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Immutable HTTP headers: names are case-insensitive (kept in lower case, as HTTP/2 and most gateways deliver them),
 * each name keeps all its values in order. Repeated headers are never comma-joined here.
 */
public final class Headers {
    /** No headers. */
    public static final Headers EMPTY = new Headers(new MultiMap.Builder(true).build());

    private final MultiMap map;

    private Headers(MultiMap map) {
        this.map = map;
    }

    /** Headers from a map of names to values. */
    public static Headers of(Map<String, ? extends Collection<String>> values) {
        Builder builder = builder();
        values.forEach(builder::addAll);
        return builder.build();
    }

    /** Headers from alternating names and values: {@code Headers.of("Accept", "text/plain", "X-A", "1")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name, value pairs but got an odd number of strings");
        }
        Builder builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder(new MultiMap.Builder(true));
    }

    /** A builder starting from these headers. */
    public Builder toBuilder() {
        return new Builder(new MultiMap.Builder(map));
    }

    /** The first value of a header. */
    public Optional<String> first(String name) {
        return map.first(name);
    }

    /** Every value of a header, in order; empty when absent. */
    public List<String> all(String name) {
        return map.all(name);
    }

    public boolean contains(String name) {
        return map.contains(name);
    }

    /** The header names, in lower case, in the order they first appeared. */
    public Set<String> names() {
        return map.names();
    }

    /** An unmodifiable view: lower-case name to its values. */
    public Map<String, List<String>> asMap() {
        return map.asMap();
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    /**
     * Gives every header value with its (lower-case) name, in the order they were added: the values of one name
     * in their order, different names possibly interleaved. Cheaper than {@link #asMap()} for copying headers.
     */
    public void forEach(BiConsumer<? super String, ? super String> action) {
        map.forEach(action);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers other && map.equals(other.map);
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }

    @Override
    public String toString() {
        return "Headers" + map;
    }

    /** Builds {@link Headers}. */
    public static final class Builder {
        private final MultiMap.Builder map;

        private Builder(MultiMap.Builder map) {
            this.map = map;
        }

        /** Adds a value, keeping earlier values of the same header. */
        public Builder add(String name, String value) {
            map.add(name, value);
            return this;
        }

        public Builder addAll(String name, Collection<String> values) {
            map.addAll(name, values);
            return this;
        }

        /** Replaces every value of a header with this one. */
        public Builder set(String name, String value) {
            map.set(name, value);
            return this;
        }

        public Builder remove(String name) {
            map.remove(name);
            return this;
        }

        /** Whether a value of this header has been added. */
        public boolean contains(String name) {
            return map.contains(name);
        }

        public Headers build() {
            return new Headers(map.build());
        }
    }
}
