package dev.fnkit.migrate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The classes read, by internal name, to follow a handler's superclasses and interfaces among them. */
final class ClassIndex {
    private final Map<String, ClassInfo> classes = new LinkedHashMap<>();

    ClassIndex(Collection<ClassInfo> all) {
        for (ClassInfo info : all) {
            classes.putIfAbsent(info.name(), info);
        }
    }

    Collection<ClassInfo> all() {
        return classes.values();
    }

    Optional<ClassInfo> get(String name) {
        return Optional.ofNullable(classes.get(name));
    }

    /**
     * The interface {@code name} as this class implements it, with its type arguments as declared (directly, or on a
     * superclass or super-interface that was read too).
     */
    Optional<GenericType> implemented(ClassInfo info, String name) {
        return find(info, name, new HashSet<>());
    }

    private Optional<GenericType> find(ClassInfo info, String name, Set<String> seen) {
        if (!seen.add(info.name())) {
            return Optional.empty();
        }
        for (GenericType type : supertypes(info)) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        for (GenericType type : supertypes(info)) {
            ClassInfo parent = classes.get(type.name());
            if (parent != null) {
                Optional<GenericType> found = find(parent, name, seen);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static List<GenericType> supertypes(ClassInfo info) {
        if (info.signature() != null) {
            try {
                return GenericType.supertypes(info.signature());
            } catch (IllegalArgumentException e) {
                // a signature this parser cannot read: fall back to the erased types
            }
        }
        List<GenericType> types = new ArrayList<>();
        if (info.superName() != null) {
            types.add(new GenericType(info.superName(), List.of()));
        }
        for (String type : info.interfaces()) {
            types.add(new GenericType(type, List.of()));
        }
        return types;
    }
}
