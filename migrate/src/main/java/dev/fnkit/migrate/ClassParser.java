package dev.fnkit.migrate;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads one class file with ASM into a {@link ClassInfo}, without loading the class. */
final class ClassParser {
    private static final int API = Opcodes.ASM9;

    private ClassParser() {
    }

    /**
     * Parses a class file.
     *
     * @throws IllegalArgumentException when the bytes are not a class file ASM can read
     */
    static ClassInfo parse(byte[] bytes) {
        ClassReader reader;
        try {
            reader = new ClassReader(bytes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a readable class file (" + e.getMessage() + ")", e);
        }
        Collector collector = new Collector();
        try {
            reader.accept(collector, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a readable class file (" + e + ")", e);
        }
        return new ClassInfo(collector.name, collector.concrete, collector.superName, collector.interfaces, collector.signature,
                collector.annotations, collector.methods);
    }

    private static final class Collector extends ClassVisitor {
        private String name;
        private boolean concrete;
        private String superName;
        private List<String> interfaces = List.of();
        private String signature;
        private final List<AnnotationInfo> annotations = new ArrayList<>();
        private final List<MethodInfo> methods = new ArrayList<>();

        Collector() {
            super(API);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            this.name = name;
            this.concrete = (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) == 0;
            this.superName = superName;
            this.signature = signature;
            this.interfaces = interfaces == null ? List.of() : Arrays.asList(interfaces);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return new Values(descriptor, annotations::add);
        }

        @Override
        public MethodVisitor visitMethod(int access, String methodName, String descriptor, String methodSignature,
                                         String[] exceptions) {
            List<AnnotationInfo> methodAnnotations = new ArrayList<>();
            int parameters = Type.getArgumentTypes(descriptor).length;
            List<List<AnnotationInfo>> parameterAnnotations = new ArrayList<>();
            for (int i = 0; i < parameters; i++) {
                parameterAnnotations.add(new ArrayList<>());
            }
            List<MethodCall> calls = new ArrayList<>();
            return new MethodVisitor(API) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    return new Values(annotation, methodAnnotations::add);
                }

                @Override
                public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
                    // javac may count fewer parameters than the descriptor (visitAnnotableParameterCount)
                    int index = Math.min(parameter, parameters - 1);
                    return new Values(annotation, index < 0 ? a -> { } : parameterAnnotations.get(index)::add);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String callName, String callDescriptor,
                                            boolean isInterface) {
                    calls.add(new MethodCall(owner, callName, callDescriptor));
                }

                @Override
                public void visitEnd() {
                    methods.add(new MethodInfo(methodName, descriptor, methodSignature, methodAnnotations,
                            parameterAnnotations, calls));
                }
            };
        }
    }

    /** Collects an annotation's values: strings, numbers, enum constant names and arrays of them. */
    private static final class Values extends AnnotationVisitor {
        private final String descriptor;
        private final Consumer<AnnotationInfo> done;
        private final Map<String, Object> values = new LinkedHashMap<>();

        Values(String descriptor, Consumer<AnnotationInfo> done) {
            super(API);
            this.descriptor = descriptor;
            this.done = done;
        }

        @Override
        public void visit(String name, Object value) {
            values.put(name, value instanceof Type type ? type.getClassName() : value);
        }

        @Override
        public void visitEnum(String name, String descriptor, String value) {
            values.put(name, value);
        }

        @Override
        public AnnotationVisitor visitArray(String name) {
            List<Object> items = new ArrayList<>();
            values.put(name, items);
            return new AnnotationVisitor(API) {
                @Override
                public void visit(String ignored, Object value) {
                    items.add(value instanceof Type type ? type.getClassName() : value);
                }

                @Override
                public void visitEnum(String ignored, String enumDescriptor, String value) {
                    items.add(value);
                }
            };
        }

        @Override
        public void visitEnd() {
            done.accept(new AnnotationInfo(descriptor, values));
        }
    }
}
