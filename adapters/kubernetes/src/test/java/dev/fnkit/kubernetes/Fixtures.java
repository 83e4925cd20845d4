package dev.fnkit.kubernetes;

import dev.fnkit.core.Application;
import dev.fnkit.core.PackagingContext;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packaging contexts for {@link SampleApp}, with real jars from the test class path as runtime jars. */
final class Fixtures {
    static final String APP = "sample-app";
    static final String VERSION = "1.2.0";

    private Fixtures() {
    }

    static PackagingContext context(Path dir, Map<String, String> settings, List<String> log) throws IOException {
        Path appJar = jar(dir.resolve("sample-app-1.2.0.jar"), Path.of("target/test-classes"));
        Path dependency = jar(dir.resolve("app-dependency-3.1.jar"), null);
        Path ownJar = jar(dir.resolve("fnkit-kubernetes-0.1.0-SNAPSHOT.jar"), Path.of("target/classes"));
        List<Path> runtime = new ArrayList<>();
        runtime.add(ownJar);
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.endsWith(".jar") && !entry.contains("junit") && !entry.contains("assertj")) {
                runtime.add(Path.of(entry));
            }
        }
        return new PackagingContext(APP, VERSION, Application.of(new SampleApp()).functions(),
                List.of(SampleApp.class.getName()), appJar, List.of(dependency), runtime,
                dir.resolve("fnkit/kubernetes"), settings, log::add);
    }

    static Path jar(Path jar, Path classes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            if (classes == null) {
                out.putNextEntry(new JarEntry("placeholder.txt"));
                out.write("x".getBytes());
                out.closeEntry();
                return jar;
            }
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path each : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(each).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(each));
                    out.closeEntry();
                }
            }
        }
        return jar;
    }
}
