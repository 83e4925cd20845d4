package dev.fnkit.migrate;

import java.util.List;
import java.util.Optional;

/**
 * A method: its annotations, its parameters' annotations and the methods it calls.
 *
 * @param signature the generic signature, or null
 */
record MethodInfo(String name, String descriptor, String signature, List<AnnotationInfo> annotations,
                  List<List<AnnotationInfo>> parameterAnnotations, List<MethodCall> calls) {
    MethodInfo {
        annotations = List.copyOf(annotations);
        parameterAnnotations = parameterAnnotations.stream().map(List::copyOf).toList();
        calls = List.copyOf(calls);
    }

    Optional<AnnotationInfo> annotation(String descriptor) {
        return annotations.stream().filter(a -> a.descriptor().equals(descriptor)).findFirst();
    }
}
