package dev.fnkit.selfhosted;

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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Apps for the tests, compiled at test time into Maven-like {@code <name>/target/classes} directories off the test
 * class path: the samples from their sources, and functions the samples do not have (slow ones, one showing its
 * environment).
 */
final class TestApps {
    static final String TEST_FUNCTIONS = """
            package testfns;

            import dev.fnkit.api.FunctionApp;
            import dev.fnkit.api.Functions;
            import dev.fnkit.api.HttpFunction;
            import dev.fnkit.api.HttpResponse;

            import java.time.Duration;
            import java.util.TreeMap;

            public final class TestFunctionsApp implements FunctionApp {
                @Override
                public void register(Functions functions) {
                    HttpFunction sleep = (request, context) -> {
                        context.logger().info("sleeping");
                        Thread.sleep(Long.parseLong(request.queryParameter("ms").orElse("0")));
                        return HttpResponse.text(Long.toString(ProcessHandle.current().pid()));
                    };
                    functions.http("scaler", sleep).route("GET", "/scaler").concurrency(1).maxInstances(3);
                    functions.http("sleeper", sleep).route("GET", "/sleeper").concurrency(4)
                            .timeout(Duration.ofSeconds(4));
                    functions.http("buffered", sleep).route("GET", "/buffered").concurrency(2).maxInstances(2);
                    functions.http("environment", (request, context) -> HttpResponse.json(
                            new TreeMap<>(System.getenv()))).route("GET", "/environment").env("GREETING", "hello");
                }
            }
            """;

    private TestApps() {
    }

    /** Compiles {@code samples/<name>} into {@code work/<name>/target/classes}. */
    static Path sample(String name, Path work) throws IOException {
        Path project = Path.of("../../samples", name).toAbsolutePath().normalize();
        Path classes = work.resolve(name).resolve("target").resolve("classes");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(project.resolve("src/main/java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        compile(classes, sources);
        Path resources = project.resolve("src/main/resources");
        try (Stream<Path> files = Files.walk(resources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = classes.resolve(resources.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        return classes;
    }

    /** Compiles the test functions into {@code work/testfns/target/classes}. */
    static Path testFunctions(Path work) throws IOException {
        return app(work, "testfns", "TestFunctionsApp", TEST_FUNCTIONS);
    }

    /**
     * Compiles one {@code FunctionApp} source, class {@code <name>.<className>}, into
     * {@code work/<name>/target/classes}.
     */
    static Path app(Path work, String name, String className, String source) throws IOException {
        Path classes = work.resolve(name).resolve("target").resolve("classes");
        Path file = work.resolve(name + "-src/" + name + "/" + className + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        compile(classes, List.of(file));
        Path service = classes.resolve("META-INF/services/dev.fnkit.api.FunctionApp");
        Files.createDirectories(service.getParent());
        Files.writeString(service, name + "." + className + "\n");
        return classes;
    }

    /** The bundle of the app compiled into {@code classes}, written as {@code fnkit serve} writes it. */
    /**
     * Creates a directory that instances write into (records of what they received), writable by every user and
     * reachable through its parents, since instances may run as their own users ({@link InstanceIsolation}); and
     * empty {@code files} in it that every user may append to, for files that instances of different users write
     * (a file an instance creates is its user's).
     */
    static Path sharedWithInstances(Path directory, String... files) throws IOException {
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        for (String file : files) {
            Files.setPosixFilePermissions(Files.write(directory.resolve(file), new byte[0]),
                    PosixFilePermissions.fromString("rw-rw-rw-"));
        }
        for (Path parent = directory.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(parent);
            if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
                Files.setPosixFilePermissions(parent, permissions);
            }
        }
        return directory;
    }

    static Path bundle(Path classes, Path staging) throws IOException {
        return AppBundles.write(classes, staging, new PrintStream(OutputStream.nullOutputStream())).get(0);
    }

    /** A zip of these entries, for malformed bundles. */
    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    static void compile(Path classes, List<Path> sources) throws IOException {
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17", "-proc:none",
                "-cp", apiLocation().toString()));
        sources.forEach(s -> args.add(s.toString()));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, OutputStream.nullOutputStream(),
                new PrintStream(errors, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("test app does not compile: " + errors.toString(StandardCharsets.UTF_8));
        }
    }

    private static Path apiLocation() {
        try {
            return Path.of(FunctionApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
