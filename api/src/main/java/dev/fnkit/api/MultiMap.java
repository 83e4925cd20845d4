package dev.fnkit.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The storage shared by {@link Headers} and {@link QueryParameters}: ordered names, each with ordered values. */
final class MultiMap {
    static final MultiMap EMPTY = new MultiMap(Map.of(), false);

    private final Map<String, List<String>> values;
    private final boolean foldCase;

    private MultiMap(Map<String, List<String>> values, boolean foldCase) {
        this.values = values;
        this.foldCase = foldCase;
    }

    String key(String name) {
        return foldCase ? lowerCase(name) : name;
    }

    /**
     * The name in lower case, without a copy when it already is (as HTTP/2 and most gateways send it) or when it is a
     * common header in the capitalised form HTTP/1.1 clients send ({@code Content-Type}).
     */
    static String lowerCase(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                String known = CAPITALISED.get(name);
                return known != null ? known : name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }

    /** {@code Content-Type} to {@code content-type}, for headers most requests and responses carry. */
    private static final Map<String, String> CAPITALISED = capitalised("accept", "accept-encoding",
            "accept-language", "authorization", "cache-control", "connection", "content-length", "content-type",
            "cookie", "forwarded", "host", "origin", "referer", "traceparent", "tracestate", "user-agent",
            "x-cloud-trace-context", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-request-id",
            "function-execution-id", "location", "set-cookie", "vary", "etag", "last-modified", "date", "server");

    private static Map<String, String> capitalised(String... lowerCaseNames) {
        Map<String, String> map = new java.util.HashMap<>();
        for (String lower : lowerCaseNames) {
            StringBuilder name = new StringBuilder(lower.length());
            boolean start = true;
            for (int i = 0; i < lower.length(); i++) {
                char c = lower.charAt(i);
                name.append(start ? Character.toUpperCase(c) : c);
                start = c == '-';
            }
            map.put(name.toString(), lower);
        }
        return Map.copyOf(map);
    }

    Optional<String> first(String name) {
        List<String> list = values.get(key(name));
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    List<String> all(String name) {
        List<String> list = values.get(key(name));
        return list == null ? List.of() : list;
    }

    boolean contains(String name) {
        return values.containsKey(key(name));
    }

    Set<String> names() {
        return values.keySet();
    }

    Map<String, List<String>> asMap() {
        return values;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiMap other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /**
     * Collects values in order. {@link #build()} hands its map to the result instead of copying it; a later change
     * copies the map first (copy on write). A name's values are an immutable {@code List.of} until the name repeats,
     * and {@link #build()} freezes the few that did.
     */
    static final class Builder {
        private final boolean foldCase;
        private LinkedHashMap<String, List<String>> values;
        private boolean shared;
        private boolean repeated;

        Builder(boolean foldCase) {
            this.foldCase = foldCase;
            this.values = new LinkedHashMap<>();
        }

        Builder(MultiMap from) {
            this.foldCase = from.foldCase;
            this.values = new LinkedHashMap<>(from.values);
        }

        private String key(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a name must not be empty");
            }
            return foldCase ? lowerCase(name) : name;
        }

        private LinkedHashMap<String, List<String>> writable() {
            if (shared) {
                values = new LinkedHashMap<>(values);
                shared = false;
            }
            return values;
        }

        boolean contains(String name) {
            return values.containsKey(key(name));
        }

        void add(String name, String value) {
            String key = key(name);
            String added = value == null ? "" : value;
            LinkedHashMap<String, List<String>> map = writable();
            List<String> list = map.get(key);
            if (list == null) {
                map.put(key, List.of(added));
            } else {
                growable(map, key, list, 1).add(added);
            }
        }

        void addAll(String name, Collection<String> more) {
            String key = key(name);
            LinkedHashMap<String, List<String>> map = writable();
            List<String> list = map.get(key);
            if (list == null && more.size() == 1) {
                String value = more.iterator().next();
                map.put(key, List.of(value == null ? "" : value));
                return;
            }
            List<String> into = list == null ? newList(map, key, more.size()) : growable(map, key, list, more.size());
            for (String value : more) {
                into.add(value == null ? "" : value);
            }
        }

        void set(String name, String value) {
            String key = key(name);
            writable().put(key, List.of(value == null ? "" : value));
        }

        void remove(String name) {
            String key = key(name);
            writable().remove(key);
        }

        /** The name's values as a list this builder owns and may append to. */
        private List<String> growable(Map<String, List<String>> map, String key, List<String> list, int more) {
            if (list instanceof ArrayList<String> owned) {
                return owned;
            }
            List<String> grown = newList(map, key, list.size() + more);
            grown.addAll(list);
            return grown;
        }

        private List<String> newList(Map<String, List<String>> map, String key, int capacity) {
            List<String> list = new ArrayList<>(Math.max(capacity, 2));
            map.put(key, list);
            repeated = true;
            return list;
        }

        MultiMap build() {
            if (values.isEmpty()) {
                return foldCase ? new MultiMap(Map.of(), true) : EMPTY;
            }
            if (repeated) {
                for (Map.Entry<String, List<String>> entry : values.entrySet()) {
                    if (entry.getValue() instanceof ArrayList<String> list) {
                        entry.setValue(List.copyOf(list));
                    }
                }
                repeated = false;
            }
            shared = true;
            return new MultiMap(Collections.unmodifiableMap(values), foldCase);
        }
    }
}
