package dev.fnkit.azure;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jars fnkit-azure runs on: its own jar and the runtime dependencies its build lists in {@value #LIST}, less the
 * Azure Functions Java library that the worker provides. Each is taken from where the
 * packager runs (the Maven plugin's class path: the exact version, else the version the plugin resolved), else from
 * the local Maven repository, since Maven keeps the artifacts it provides to plugins itself (such as SLF4J) off their
 * class path.
 */
final class RuntimeJars {
    static final String LIST = "runtime-dependencies.txt";
    private static final Set<String> SCOPES = Set.of("compile", "runtime", "provided", "system", "test");
    private static final List<String> PROVIDED_BY_WORKER = List.of("azure-functions-java-library-",
            "azure-functions-java-core-library-");

    private RuntimeJars() {
    }

    /**
     * A dependency, from {@code groupId:artifactId:type[:classifier]:version[:scope]}.
     *
     * @param groupId    the group
     * @param artifactId the artifact
     * @param version    the version
     * @param classifier the classifier, or null
     */
    record Artifact(String groupId, String artifactId, String version, String classifier) {
        static Artifact parse(String coordinates) {
            List<String> parts = new ArrayList<>(List.of(coordinates.split(":")));
            if (parts.size() >= 5 && SCOPES.contains(parts.get(parts.size() - 1))) {
                parts.remove(parts.size() - 1);
            }
            if (parts.size() == 4) {
                return new Artifact(parts.get(0), parts.get(1), parts.get(3), null);
            } else if (parts.size() == 5) {
                return new Artifact(parts.get(0), parts.get(1), parts.get(4), parts.get(3));
            }
            throw new IllegalArgumentException("not Maven coordinates: " + coordinates);
        }

        String fileName() {
            return artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + ".jar";
        }

        /** Where the artifact sits in a Maven repository, relative to its root. */
        String repositoryPath() {
            return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + fileName();
        }

        /** True for a jar of this artifact in any version. */
        boolean matchesAnyVersion(String name) {
            String suffix = (classifier == null ? "" : "-" + classifier) + ".jar";
            return name.startsWith(artifactId + "-") && name.length() > artifactId.length() + 1
                    && Character.isDigit(name.charAt(artifactId.length() + 1)) && name.endsWith(suffix);
        }
    }

    /**
     * The adapter's jar and its runtime dependencies, in class path order.
     *
     * @throws IOException when the adapter is not a jar or a dependency cannot be found
     */
    static List<Path> locate() throws IOException {
        Path self = codeSource();
        if (!Files.isRegularFile(self)) {
            throw new IOException("fnkit-azure must run from its jar to package, not from " + self);
        }
        Map<String, Path> available = available(RuntimeJars.class.getClassLoader());
        List<Artifact> artifacts = listed();
        Path repository = localRepository(artifacts, available);
        List<Path> jars = new ArrayList<>();
        jars.add(self);
        List<String> missing = new ArrayList<>();
        for (Artifact artifact : artifacts) {
            if (providedByWorker(artifact.fileName())) {
                continue;
            }
            Path jar = find(artifact, available, repository);
            if (jar == null) {
                missing.add(artifact.groupId() + ":" + artifact.artifactId() + ":" + artifact.version());
            } else {
                jars.add(jar);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("fnkit-azure needs " + missing + " at run time but finds them neither on the"
                    + " packager's class path nor in the local repository " + repository);
        }
        return jars;
    }

    /** True for the jars of the Azure Functions Java library, which the Java worker has on its class path. */
    static boolean providedByWorker(String jarName) {
        return PROVIDED_BY_WORKER.stream().anyMatch(jarName::startsWith);
    }

    private static Path find(Artifact artifact, Map<String, Path> available, Path repository) {
        Path exact = available.get(artifact.fileName());
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Path> jar : available.entrySet()) {
            if (artifact.matchesAnyVersion(jar.getKey())) {
                return jar.getValue();
            }
        }
        Path inRepository = repository.resolve(artifact.repositoryPath());
        return Files.isRegularFile(inRepository) ? inRepository : null;
    }

    /** The dependencies in {@value #LIST}, the output of {@code dependency:list}. */
    static List<Artifact> listed() throws IOException {
        try (InputStream in = RuntimeJars.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IOException("fnkit-azure is missing its " + LIST + "; it was not built by its Maven build");
            }
            List<Artifact> artifacts = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String coordinates = line.trim().split("\\s+")[0];
                if (coordinates.chars().filter(c -> c == ':').count() >= 3) {
                    artifacts.add(Artifact.parse(coordinates));
                }
            }
            return artifacts;
        }
    }

    /**
     * The local Maven repository: {@code maven.repo.local}, else the root of a listed jar found in repository layout,
     * else {@code ~/.m2/repository}.
     */
    private static Path localRepository(List<Artifact> artifacts, Map<String, Path> available) {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Artifact artifact : artifacts) {
            Path jar = available.get(artifact.fileName());
            String path = artifact.repositoryPath();
            if (jar != null && jar.toString().replace(File.separatorChar, '/').endsWith("/" + path)) {
                Path root = jar;
                for (int i = path.split("/").length; i > 0; i--) {
                    root = root.getParent();
                }
                return root;
            }
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static Path codeSource() {
        try {
            return Path.of(RuntimeJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every jar on the class loader chain and the system class path, by file name (the first one wins). */
    private static Map<String, Path> available(ClassLoader loader) {
        Map<String, Path> jars = new LinkedHashMap<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    add(jars, url);
                }
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                Path path = Path.of(entry);
                jars.putIfAbsent(path.getFileName().toString(), path);
            }
        }
        return jars;
    }

    private static void add(Map<String, Path> jars, URL url) {
        if (!"file".equals(url.getProtocol()) || !url.getPath().endsWith(".jar")) {
            return;
        }
        try {
            Path path = Path.of(url.toURI());
            jars.putIfAbsent(path.getFileName().toString(), path);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return;
        }
    }
}
