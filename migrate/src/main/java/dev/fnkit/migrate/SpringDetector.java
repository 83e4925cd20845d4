package dev.fnkit.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Spring Cloud Function beans: {@code @Bean} methods returning a {@code Function}, {@code Consumer} or {@code Supplier}. */
final class SpringDetector implements Detector {
    static final String BEAN = "Lorg/springframework/context/annotation/Bean;";
    static final String BOOT_APPLICATION = "Lorg/springframework/boot/autoconfigure/SpringBootApplication;";

    @Override
    public List<Handler> detect(ClassInfo info, ClassIndex index) {
        List<Handler> handlers = new ArrayList<>();
        for (MethodInfo method : info.methods()) {
            Optional<AnnotationInfo> bean = method.annotation(BEAN);
            if (bean.isEmpty()) {
                continue;
            }
            GenericType returned;
            try {
                returned = GenericType.returnType(method.signature() != null ? method.signature() : method.descriptor());
            } catch (IllegalArgumentException e) {
                continue;
            }
            String kind = switch (returned.name()) {
                case "java/util/function/Function" -> "Function";
                case "java/util/function/Consumer" -> "Consumer";
                case "java/util/function/Supplier" -> "Supplier";
                default -> null;
            };
            if (kind == null) {
                continue;
            }
            String beanName = bean.get().string("name").or(() -> bean.get().string("value")).orElse(method.name());
            String name = Names.function(beanName);
            String declaration = "spring().typed(functions, " + (name.equals(beanName) ? "" : Names.quote(name) + ", ")
                    + Names.quote(beanName) + ")";
            String portable = switch (kind) {
                case "Function" -> "a typed function: functions.typed(name, Input.class, fn), or an HTTP function";
                case "Consumer" -> "an event function (functions.queue(...), functions.topic(...)) or a typed one";
                default -> "a typed function without input, or a schedule function";
            };
            handlers.add(new Handler("Spring Cloud Function", kind + " @Bean", info.javaName(), method.name(), name,
                    "FunctionCatalog bean " + beanName + " (the trigger came from the Spring adapter's configuration)",
                    returned.display(), portable, declaration, declaration, List.of()));
        }
        return handlers;
    }
}
