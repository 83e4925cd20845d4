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

    /** The name in lower case, without a copy when it already is (as HTTP/2 and most gateways send it). */
    static String lowerCase(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
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

    /** Collects values in order; {@link #build()} freezes them. */
    static final class Builder {
        private final boolean foldCase;
        private final LinkedHashMap<String, List<String>> values = new LinkedHashMap<>();

        Builder(boolean foldCase) {
            this.foldCase = foldCase;
        }

        Builder(MultiMap from) {
            this(from.foldCase);
            from.values.forEach((k, v) -> values.put(k, new ArrayList<>(v)));
        }

        private String key(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a name must not be empty");
            }
            return foldCase ? lowerCase(name) : name;
        }

        boolean contains(String name) {
            return values.containsKey(key(name));
        }

        void add(String name, String value) {
            values.computeIfAbsent(key(name), k -> new ArrayList<>(1)).add(value == null ? "" : value);
        }

        void addAll(String name, Collection<String> more) {
            List<String> list = values.computeIfAbsent(key(name), k -> new ArrayList<>(more.size()));
            for (String value : more) {
                list.add(value == null ? "" : value);
            }
        }

        void set(String name, String value) {
            List<String> list = new ArrayList<>(1);
            list.add(value == null ? "" : value);
            values.put(key(name), list);
        }

        void remove(String name) {
            values.remove(key(name));
        }

        MultiMap build() {
            if (values.isEmpty()) {
                return foldCase ? new MultiMap(Map.of(), true) : EMPTY;
            }
            LinkedHashMap<String, List<String>> frozen = new LinkedHashMap<>((int) (values.size() / 0.75f) + 1);
            values.forEach((k, v) -> frozen.put(k, v.size() == 1 ? List.of(v.get(0)) : List.copyOf(v)));
            return new MultiMap(Collections.unmodifiableMap(frozen), foldCase);
        }
    }
}
