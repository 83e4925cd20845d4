package dev.fnkit.api;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The storage shared by {@link Headers} and {@link QueryParameters}: ordered names, each with ordered values.
 *
 * <p>Entries are kept as they were added, one name/value pair per slot, and looked up by scanning: requests carry a
 * few dozen headers at most and a function reads a handful, so building a hash map of lists for every request would
 * cost more than all its lookups. The map view ({@link #asMap()}) is built on first use; large maps (over
 * {@value #SCAN_LIMIT} entries) use it for lookups too.
 */
final class MultiMap {
    static final MultiMap EMPTY = new MultiMap(new String[0], 0, false);
    private static final MultiMap EMPTY_FOLDED = new MultiMap(new String[0], 0, true);
    private static final int SCAN_LIMIT = 32;

    /** name, value, name, value, ...; names already folded; never written after construction. */
    private final String[] pairs;
    private final int size;
    private final boolean foldCase;
    private Map<String, List<String>> view;

    private MultiMap(String[] pairs, int size, boolean foldCase) {
        this.pairs = pairs;
        this.size = size;
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
        String key = key(name);
        if (size > SCAN_LIMIT) {
            List<String> list = asMap().get(key);
            return list == null ? Optional.empty() : Optional.of(list.get(0));
        }
        int at = indexOf(pairs, size, key, 0);
        return at < 0 ? Optional.empty() : Optional.of(pairs[at + 1]);
    }

    List<String> all(String name) {
        String key = key(name);
        if (size > SCAN_LIMIT) {
            List<String> list = asMap().get(key);
            return list == null ? List.of() : list;
        }
        int at = indexOf(pairs, size, key, 0);
        if (at < 0) {
            return List.of();
        }
        int next = indexOf(pairs, size, key, at + 2);
        if (next < 0) {
            return List.of(pairs[at + 1]);
        }
        return valuesFrom(at);
    }

    boolean contains(String name) {
        String key = key(name);
        return size > SCAN_LIMIT ? asMap().containsKey(key) : indexOf(pairs, size, key, 0) >= 0;
    }

    Set<String> names() {
        return asMap().keySet();
    }

    /** Built once, on first use; a racing second build yields an equal map. */
    Map<String, List<String>> asMap() {
        Map<String, List<String>> map = view;
        if (map == null) {
            map = buildView();
            view = map;
        }
        return map;
    }

    private Map<String, List<String>> buildView() {
        if (size == 0) {
            return Map.of();
        }
        if (size == 2) {
            return Map.of(pairs[0], List.of(pairs[1]));
        }
        LinkedHashMap<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i += 2) {
            String name = pairs[i];
            if (!map.containsKey(name)) {
                int next = indexOf(pairs, size, name, i + 2);
                map.put(name, next < 0 ? List.of(pairs[i + 1]) : valuesFrom(i));
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** Every value of the name at {@code from} and after it. */
    private List<String> valuesFrom(int from) {
        String name = pairs[from];
        List<String> values = new java.util.ArrayList<>();
        for (int i = from; i < size; i += 2) {
            if (pairs[i].equals(name)) {
                values.add(pairs[i + 1]);
            }
        }
        return List.copyOf(values);
    }

    /** The slot of the first pair named {@code key} at or after {@code from}, or -1. */
    private static int indexOf(String[] pairs, int size, String key, int from) {
        for (int i = from; i < size; i += 2) {
            if (pairs[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Every name and value in the order they were added. */
    void forEach(java.util.function.BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < size; i += 2) {
            action.accept(pairs[i], pairs[i + 1]);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiMap other && asMap().equals(other.asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    /**
     * Collects values in order. {@link #build()} hands its array to the result instead of copying it; a later change
     * copies the array first (copy on write).
     */
    static final class Builder {
        private final boolean foldCase;
        private String[] pairs;
        private int size;
        private boolean shared;

        Builder(boolean foldCase) {
            this.foldCase = foldCase;
            this.pairs = new String[16];
        }

        Builder(MultiMap from) {
            this.foldCase = from.foldCase;
            this.pairs = from.pairs;
            this.size = from.size;
            this.shared = true;
        }

        private String key(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a name must not be empty");
            }
            return foldCase ? lowerCase(name) : name;
        }

        private String[] writable(int more) {
            if (shared || size + more > pairs.length) {
                pairs = Arrays.copyOf(pairs, Math.max(size + more, shared ? size + 16 : pairs.length * 2));
                shared = false;
            }
            return pairs;
        }

        boolean contains(String name) {
            return indexOf(pairs, size, key(name), 0) >= 0;
        }

        void add(String name, String value) {
            String key = key(name);
            String[] into = writable(2);
            into[size++] = key;
            into[size++] = value == null ? "" : value;
        }

        void addAll(String name, Collection<String> more) {
            String key = key(name);
            String[] into = writable(2 * more.size());
            for (String value : more) {
                into[size++] = key;
                into[size++] = value == null ? "" : value;
            }
        }

        /** Replaces the name's values with one, where the name first appeared (or at the end when new). */
        void set(String name, String value) {
            String key = key(name);
            int at = indexOf(pairs, size, key, 0);
            if (at < 0) {
                String[] into = writable(2);
                into[size++] = key;
                into[size++] = value == null ? "" : value;
                return;
            }
            String[] into = writable(0);
            into[at + 1] = value == null ? "" : value;
            removeFrom(key, at + 2);
        }

        void remove(String name) {
            String key = key(name);
            int at = indexOf(pairs, size, key, 0);
            if (at >= 0) {
                writable(0);
                removeFrom(key, at);
            }
        }

        private void removeFrom(String key, int from) {
            int kept = from;
            for (int i = from; i < size; i += 2) {
                if (!pairs[i].equals(key)) {
                    pairs[kept++] = pairs[i];
                    pairs[kept++] = pairs[i + 1];
                }
            }
            Arrays.fill(pairs, kept, size, null);
            size = kept;
        }

        MultiMap build() {
            if (size == 0) {
                return foldCase ? EMPTY_FOLDED : EMPTY;
            }
            shared = true;
            return new MultiMap(pairs, size, foldCase);
        }
    }
}
