package dev.fnkit.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

final class Attributes {
    private Attributes() {
    }

    static <V> Map<String, V> copy(Map<String, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    static Body body(Body body) {
        return body == null ? Body.EMPTY : body;
    }
}
