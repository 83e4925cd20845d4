package dev.fnkit.migrate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An annotation: its type descriptor ({@code Lcom/example/Ann;}) and its values (strings, numbers, enum constant
 * names, lists of those).
 */
record AnnotationInfo(String descriptor, Map<String, Object> values) {
    AnnotationInfo {
        values = Map.copyOf(values);
    }

    /** The simple name of the annotation type, e.g. {@code HttpTrigger}. */
    String simpleName() {
        String type = descriptor.substring(1, descriptor.length() - 1);
        return type.substring(type.lastIndexOf('/') + 1);
    }

    /** The package of the annotation type, internal form with a trailing slash. */
    String packageName() {
        String type = descriptor.substring(1, descriptor.length() - 1);
        return type.substring(0, type.lastIndexOf('/') + 1);
    }

    Optional<String> string(String name) {
        Object value = values.get(name);
        if (value instanceof List<?> list) {
            return list.isEmpty() ? Optional.empty() : Optional.of(String.valueOf(list.get(0)));
        }
        return Optional.ofNullable(value).map(String::valueOf).filter(s -> !s.isEmpty());
    }

    List<String> strings(String name) {
        Object value = values.get(name);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }
}
