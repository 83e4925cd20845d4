package dev.fnkit.migrate;

import java.util.List;

/**
 * What {@code fnkit migrate} reads from one class file: names are internal ({@code com/example/Handler}).
 *
 * @param signature the generic signature, or null
 * @param concrete  neither abstract nor an interface
 */
record ClassInfo(String name, boolean concrete, String superName, List<String> interfaces, String signature,
                 List<AnnotationInfo> annotations, List<MethodInfo> methods) {
    ClassInfo {
        interfaces = List.copyOf(interfaces);
        annotations = List.copyOf(annotations);
        methods = List.copyOf(methods);
    }

    /** The class name as Java source writes it: {@code com.example.Outer.Inner}. */
    String javaName() {
        return name.replace('/', '.').replace('$', '.');
    }

    String simpleName() {
        String dotted = javaName();
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    boolean annotated(String descriptor) {
        return annotations.stream().anyMatch(a -> a.descriptor().equals(descriptor));
    }
}
