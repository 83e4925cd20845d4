package dev.fnkit.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Finds the jars this adapter needs at run time on Lambda: fnkit-aws itself and its runtime dependencies (listed at
 * build time in {@code runtime-dependencies.txt}), located among the jars of the class loader the packager runs in (the
 * Maven plugin's) or the class path. A fnkit module found as a classes directory (in a reactor build or a test) is
 * returned as that directory.
 */
final class AdapterJars {
    /** A runtime jar: its coordinates and where it is (a jar file, or a classes directory). */
    record Artifact(String groupId, String artifactId, String version, Path location) {
        String key() {
            return groupId + ":" + artifactId;
        }

        /** The file name in {@code lib/}. */
        String fileName() {
            return Files.isDirectory(location) ? artifactId + "-" + version + ".jar"
                    : location.getFileName().toString();
        }
    }

    private static final Map<String, String> MARKERS = Map.of(
            "dev.fnkit:fnkit-api", "dev/fnkit/api/Body.class",
            "dev.fnkit:fnkit-core", "dev/fnkit/core/Application.class",
            "dev.fnkit:fnkit-aws", "dev/fnkit/aws/FnkitLambda.class");

    private AdapterJars() {
    }

    /**
     * fnkit-aws and its runtime dependencies.
     *
     * @throws IllegalStateException naming the artifacts that cannot be found
     */
    static List<Artifact> runtime() {
        ClassLoader loader = AdapterJars.class.getClassLoader();
        List<Path> candidates = candidates(loader);
        List<Artifact> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String[]> wanted = new ArrayList<>(listed());
        wanted.add(0, new String[] {"dev.fnkit", "fnkit-aws", version()});
        for (String[] coordinates : wanted) {
            Path location = locate(coordinates, candidates, loader);
            if (location == null) {
                missing.add(String.join(":", coordinates));
            } else {
                found.add(new Artifact(coordinates[0], coordinates[1], coordinates[2], location));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Cannot find the jars of " + missing + " that fnkit-aws needs on Lambda"
                    + " among the packager's class path");
        }
        return found;
    }

    /** The coordinates of a jar (from its {@code META-INF/maven/.../pom.properties}), or null. */
    static String[] coordinates(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return null;
        }
        String name = jar.getFileName().toString();
        try (JarFile file = new JarFile(jar.toFile())) {
            String[] best = null;
            for (var entries = file.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (!entry.getName().startsWith("META-INF/maven/") || !entry.getName().endsWith("/pom.properties")) {
                    continue;
                }
                Properties properties = new Properties();
                try (InputStream in = file.getInputStream(entry)) {
                    properties.load(in);
                }
                String[] coordinates = {properties.getProperty("groupId"), properties.getProperty("artifactId"),
                        properties.getProperty("version")};
                if (coordinates[1] != null && name.startsWith(coordinates[1] + "-")) {
                    return coordinates;
                }
                best = best == null ? coordinates : best;
            }
            return best;
        } catch (IOException e) {
            return null;
        }
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = AdapterJars.class.getResourceAsStream("adapter.properties")) {
            if (in == null) {
                throw new IllegalStateException("fnkit-aws has no adapter.properties: a broken build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    /** {@code groupId, artifactId, version} of each listed runtime dependency. */
    private static List<String[]> listed() {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = AdapterJars.class.getResourceAsStream("runtime-dependencies.txt")) {
            if (in == null) {
                throw new IllegalStateException("fnkit-aws has no runtime-dependencies.txt: a broken build");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String item = line.strip();
                int module = item.indexOf(" -- ");
                if (module >= 0) {
                    item = item.substring(0, module).strip();
                }
                String[] parts = item.split(":");
                if (parts.length < 4 || item.contains(" ")) {
                    continue;
                }
                out.add(new String[] {parts[0], parts[1], parts[parts.length - 1]});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Path locate(String[] coordinates, List<Path> candidates, ClassLoader loader) {
        String prefix = coordinates[1] + "-" + coordinates[2];
        for (Path candidate : candidates) {
            String name = candidate.getFileName() == null ? "" : candidate.getFileName().toString();
            if ((name.equals(prefix + ".jar") || name.startsWith(prefix + "-") && name.endsWith(".jar"))
                    && Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        for (Path candidate : candidates) {
            String[] found = coordinates(candidate);
            if (found != null && coordinates[0].equals(found[0]) && coordinates[1].equals(found[1])) {
                return candidate;
            }
        }
        String marker = MARKERS.get(coordinates[0] + ":" + coordinates[1]);
        Path source = marker == null ? null : codeSource(loader, marker);
        return source != null ? source : localRepository(coordinates);
    }

    /**
     * The jar in the local Maven repository: Maven keeps some artifacts (such as {@code slf4j-api}) out of a plugin's
     * class loader because its own core provides them, but it has resolved them.
     */
    private static Path localRepository(String[] coordinates) {
        String configured = System.getProperty("maven.repo.local");
        Path repository = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path jar = repository.resolve(coordinates[0].replace('.', '/')).resolve(coordinates[1])
                .resolve(coordinates[2]).resolve(coordinates[1] + "-" + coordinates[2] + ".jar");
        return Files.isRegularFile(jar) ? jar : null;
    }

    private static Path codeSource(ClassLoader loader, String resource) {
        URL url = loader.getResource(resource);
        if (url == null) {
            return null;
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                String file = url.getPath();
                return Path.of(java.net.URI.create(file.substring(0, file.indexOf("!/"))));
            }
            if ("file".equals(url.getProtocol())) {
                Path path = Path.of(url.toURI());
                for (int i = 0; i < resource.split("/").length; i++) {
                    path = path.getParent();
                }
                return path;
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static List<Path> candidates(ClassLoader loader) {
        Set<Path> paths = new LinkedHashSet<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    try {
                        if ("file".equals(url.getProtocol())) {
                            paths.add(Path.of(url.toURI()));
                        }
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // not a local file
                    }
                }
            }
        }
        String classPath = System.getProperty("java.class.path", "");
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                paths.add(Path.of(entry));
            }
        }
        return new ArrayList<>(paths);
    }
}
