package dev.fnkit.migrate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
     * The interface {@code name} as this class implements it, with its type arguments as declared directly, or on a
     * superclass or super-interface that was read too; there a type variable is resolved through the type arguments
     * each subclass gives ({@code class H extends Base<SQSEvent>}, {@code Base<I> implements RequestHandler<I, O>}).
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
                    return found.map(f -> f.substitute(bindings(parent, type)));
                }
            }
        }
        return Optional.empty();
    }

    /** The parent's type parameters bound to the arguments the child gives them (none for a raw reference). */
    private static Map<String, GenericType> bindings(ClassInfo parent, GenericType reference) {
        if (parent.signature() == null || reference.arguments().isEmpty()) {
            return Map.of();
        }
        List<String> parameters;
        try {
            parameters = GenericType.typeParameters(parent.signature());
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
        Map<String, GenericType> bindings = new HashMap<>();
        for (int i = 0; i < Math.min(parameters.size(), reference.arguments().size()); i++) {
            bindings.put(parameters.get(i), reference.arguments().get(i));
        }
        return bindings;
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
