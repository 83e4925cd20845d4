package dev.fnkit.migrate;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The Java source of a {@code FunctionApp} declaring every handler found: compat where there is one. */
final class SuggestedApp {
    static final String CLASS_NAME = "MigratedFunctions";

    private SuggestedApp() {
    }

    static String source(List<Handler> handlers, ClassIndex index) {
        Set<String> imports = new TreeSet<>(Set.of("dev.fnkit.api.Functions"));
        boolean spring = handlers.stream().anyMatch(h -> h.provider().equals("Spring Cloud Function"));
        StringBuilder body = new StringBuilder();
        for (Handler handler : handlers) {
            body.append("        // ").append(handler.provider()).append(' ').append(handler.kind()).append(' ')
                    .append(handler.className()).append('.').append(handler.method()).append(": ")
                    .append(handler.trigger()).append('\n');
            String declaration = handler.declaration();
            body.append("        ").append(declaration).append(declaration.startsWith("//") ? "\n" : ";\n");
            if (declaration.startsWith("AwsCompat.")) {
                imports.add("dev.fnkit.compat.aws.AwsCompat");
            } else if (declaration.startsWith("GcpCompat.")) {
                imports.add("dev.fnkit.compat.gcp.GcpCompat");
            }
            if (declaration.contains("Trigger.")) {
                imports.add("dev.fnkit.api.Trigger");
            }
            if (declaration.contains("StorageChange.")) {
                imports.add("dev.fnkit.api.StorageChange");
            }
        }
        StringBuilder source = new StringBuilder();
        String header;
        if (spring) {
            imports.add("dev.fnkit.compat.spring.SpringFunctionApp");
            String boot = bootClass(index).orElse("YourSpringBootApplication");
            header = "public final class " + CLASS_NAME + " extends SpringFunctionApp {\n"
                    + "    public " + CLASS_NAME + "() {\n        super(" + boot + ".class);\n    }\n\n";
        } else {
            imports.add("dev.fnkit.api.FunctionApp");
            header = "public final class " + CLASS_NAME + " implements FunctionApp {\n";
        }
        for (String type : imports) {
            source.append("import ").append(type).append(";\n");
        }
        source.append("\n/**\n"
                + " * Written by fnkit migrate. The compat declarations run the existing handlers unchanged on every\n"
                + " * fnkit target; the others are portable declarations to fill in. Names in capitals (QUEUE, TOPIC,\n"
                + " * BUCKET, STREAM, TABLE) come from your deployment configuration. List this class in\n"
                + " * META-INF/services/dev.fnkit.api.FunctionApp.\n"
                + " */\n")
                .append(header)
                .append("    @Override\n    public void register(Functions functions) {\n")
                .append(body)
                .append("    }\n}\n");
        return source.toString();
    }

    private static Optional<String> bootClass(ClassIndex index) {
        Optional<ClassInfo> boot = index.all().stream().filter(c -> c.annotated(SpringDetector.BOOT_APPLICATION))
                .findFirst();
        if (boot.isEmpty()) {
            boot = index.all().stream().filter(c -> c.methods().stream()
                    .anyMatch(m -> m.annotation(SpringDetector.BEAN).isPresent())).findFirst();
        }
        return boot.map(ClassInfo::javaName);
    }
}
