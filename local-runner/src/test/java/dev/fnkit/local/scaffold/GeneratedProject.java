package dev.fnkit.local.scaffold;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Builds a generated Java project in-process, as its Maven build would but without Maven: compiles its main and test
 * sources against the jars of this test run, copies its resources, and runs its tests with the JUnit Platform
 * launcher (which Surefire puts on the test class path).
 */
final class GeneratedProject {
    /** Classes whose jars (or class folders) a generated project compiles and runs against. */
    private static final List<String> CLASS_PATH_OF = List.of("dev.fnkit.api.FunctionApp",
            "dev.fnkit.core.Application", "dev.fnkit.local.junit.FnkitTest", "org.junit.jupiter.api.Test",
            "org.junit.platform.commons.annotation.Testable", "org.opentest4j.AssertionFailedError",
            "org.apiguardian.api.API", "com.fasterxml.jackson.databind.JsonNode",
            "com.fasterxml.jackson.core.JsonParser", "com.fasterxml.jackson.annotation.JsonProperty",
            "org.junit.platform.engine.TestEngine", "org.junit.platform.launcher.Launcher");

    private static final String RUNNER = """
            package fnkitgenerated;

            import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
            import org.junit.platform.launcher.core.LauncherFactory;
            import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
            import org.junit.platform.engine.discovery.DiscoverySelectors;

            public final class RunTests implements java.util.function.Function<String, String> {
                @Override
                public String apply(String className) {
                    try {
                        Class<?> test = Class.forName(className, true, getClass().getClassLoader());
                        SummaryGeneratingListener listener = new SummaryGeneratingListener();
                        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                                .selectors(DiscoverySelectors.selectClass(test)).build(), listener);
                        java.io.StringWriter failures = new java.io.StringWriter();
                        listener.getSummary().printFailuresTo(new java.io.PrintWriter(failures), 20);
                        return listener.getSummary().getTestsSucceededCount() + " passed, "
                                + listener.getSummary().getTotalFailureCount() + " failed" + failures;
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            """;

    private GeneratedProject() {
    }

    /** Compiles the project into {@code classes} (main and test together) with its resources. */
    static void compile(Path project, Path classes) throws IOException {
        Path runner = classes.resolveSibling("runner-src/fnkitgenerated/RunTests.java");
        Files.createDirectories(runner.getParent());
        Files.writeString(runner, RUNNER);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17", "-proc:none",
                "-encoding", "UTF-8", "-cp", String.join(File.pathSeparator, classPath())));
        args.add(runner.toString());
        for (String dir : List.of("src/main/java", "src/test/java")) {
            try (Stream<Path> files = Files.walk(project.resolve(dir))) {
                files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).forEach(args::add);
            }
        }
        Files.createDirectories(classes);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, OutputStream.nullOutputStream(),
                new PrintStream(errors, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        if (status != 0) {
            throw new AssertionError(project + " does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        }
        Path resources = project.resolve("src/main/resources");
        try (Stream<Path> files = Files.walk(resources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = classes.resolve(resources.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    /** Runs a compiled test class; returns the launcher's summary, e.g. {@code 6 passed, 0 failed}. */
    @SuppressWarnings("unchecked")
    static String runTests(Path classes, String testClass) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()},
                GeneratedProject.class.getClassLoader())) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                Function<String, String> run = (Function<String, String>) loader.loadClass("fnkitgenerated.RunTests")
                        .getDeclaredConstructor().newInstance();
                return run.apply(testClass);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    private static Set<String> classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String name : CLASS_PATH_OF) {
            try {
                Class<?> type = Class.forName(name, false, GeneratedProject.class.getClassLoader());
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (ClassNotFoundException | URISyntaxException e) {
                throw new IllegalStateException("the generated project needs " + name + " on the class path", e);
            }
        }
        return entries;
    }
}
