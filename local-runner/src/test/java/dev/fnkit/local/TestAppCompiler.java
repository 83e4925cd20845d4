package dev.fnkit.local;

import dev.fnkit.api.FunctionApp;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Compiles function apps from source at test time, into directories that are not on the test class path, so that
 * the runner loads them as it loads real apps.
 */
public final class TestAppCompiler {
    private TestAppCompiler() {
    }

    /** An app class declaring one HTTP function that answers {@code reply.text()}. */
    static String httpApp(String pkg, String className, String function, String method, String route) {
        return """
                package %s;

                import dev.fnkit.api.FunctionApp;
                import dev.fnkit.api.Functions;
                import dev.fnkit.api.HttpResponse;

                public final class %s implements FunctionApp {
                    @Override
                    public void register(Functions functions) {
                        functions.http("%s", (request, context) -> HttpResponse.text(Reply.text()))
                                .route("%s", "%s");
                    }
                }
                """.formatted(pkg, className, function, method, route);
    }

    /** A class {@code Reply} whose {@code text()} returns this text. */
    static String reply(String pkg, String text) {
        return """
                package %s;

                public final class Reply {
                    public static String text() {
                        return "%s";
                    }
                }
                """.formatted(pkg, text);
    }

    /**
     * Compiles sources (class name to source) into {@code classes}, against fnkit-api, fnkit-core and {@code classes}
     * itself.
     */
    public static void compile(Path classes, Map<String, String> sources) throws IOException {
        Path src = Files.createTempDirectory("fnkit-test-src");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17", "-proc:none",
                "-cp", apiLocation() + java.io.File.pathSeparator + location(dev.fnkit.core.Packager.class)
                        + java.io.File.pathSeparator + classes));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, OutputStream.nullOutputStream(),
                new PrintStream(errors, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        try (Stream<Path> written = Files.walk(src)) {
            written.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        if (status != 0) {
            throw new IllegalStateException("test app does not compile: " + errors.toString(StandardCharsets.UTF_8));
        }
    }

    /** Lists {@code appClass} as the directory's {@code FunctionApp}. */
    public static void declare(Path classes, String appClass) throws IOException {
        Path service = classes.resolve(FunctionAppHidingLoader.SERVICE);
        Files.createDirectories(service.getParent());
        Files.writeString(service, appClass + "\n");
    }

    /** Packs the files of a directory, except those {@code skip} accepts, into a jar. */
    public static Path jar(Path classes, Path jar, java.util.function.Predicate<String> skip) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                if (skip.test(name)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    public static Path apiLocation() {
        return location(FunctionApp.class);
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
