package dev.fnkit.selfhosted;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The app the edge tests deploy: functions that echo what reaches them, two that show their secrets and a queue
 * consumer.
 */
final class EdgeApps {
    private static final String SOURCE = """
            package edgefns;

            import dev.fnkit.api.FunctionApp;
            import dev.fnkit.api.Functions;
            import dev.fnkit.api.HttpFunction;
            import dev.fnkit.api.HttpResponse;

            import java.io.IOException;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;
            import java.util.TreeMap;

            public final class EdgeFunctionsApp implements FunctionApp {
                @Override
                public void register(Functions functions) {
                    HttpFunction echo = (request, context) -> {
                        context.logger().info("echoing " + request.bodyText().length() + " characters");
                        return HttpResponse.text("echo:" + request.bodyText() + ":"
                                + request.header("x-api-key").orElse("-") + ":"
                                + request.header("authorization").orElse("-"));
                    };
                    functions.http("guarded", echo).route("POST", "/guarded");
                    functions.http("limited", echo).route("GET", "/limited");
                    functions.http("browser", echo).route("PUT", "/browser");
                    functions.http("small", echo).route("POST", "/small");
                    functions.http("open", echo).route("POST", "/open");
                    HttpFunction vault = (request, context) -> {
                        Map<String, Object> out = new TreeMap<>();
                        String dir = System.getenv("FNKIT_SECRETS_DIR");
                        out.put("dir", dir == null ? "" : dir);
                        List<String> files = new ArrayList<>();
                        if (dir != null) {
                            try (var list = Files.list(Path.of(dir))) {
                                list.forEach(p -> files.add(p.getFileName().toString()));
                            }
                        }
                        files.sort(null);
                        out.put("files", files);
                        String read = request.queryParameter("read").orElse(null);
                        if (read != null) {
                            try {
                                out.put("content", Files.readString(Path.of(dir).resolve(read)));
                            } catch (IOException e) {
                                out.put("content", "unreadable: " + e.getClass().getSimpleName());
                            }
                        }
                        out.put("environment", String.join("\\n", System.getenv().values()));
                        return HttpResponse.json(out);
                    };
                    functions.queue("guarded-queue", "orders", String.class,
                            (event, context) -> context.logger().info("consumed " + event.data()));
                    functions.http("vault-a", vault).route("GET", "/vault-a");
                    functions.http("vault-b", vault).route("GET", "/vault-b");
                }
            }
            """;

    private EdgeApps() {
    }

    /** Compiles the app into {@code work/edgefns/target/classes}. */
    static Path compile(Path work) throws IOException {
        Path classes = work.resolve("edgefns").resolve("target").resolve("classes");
        Path source = work.resolve("edgefns-src/edgefns/EdgeFunctionsApp.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, SOURCE);
        TestApps.compile(classes, List.of(source));
        Path service = classes.resolve("META-INF/services/dev.fnkit.api.FunctionApp");
        Files.createDirectories(service.getParent());
        Files.writeString(service, "edgefns.EdgeFunctionsApp\n");
        return classes;
    }
}
