package dev.fnkit.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Turns what the user names after {@code fnkit run} into apps:
 * <ul>
 *   <li>a directory with a {@code pom.xml}: a Maven project, built first, its classes from {@code target/classes}
 *       (which reloads) and its runtime dependencies;</li>
 *   <li>a jar, with the jars of a {@code lib/} folder next to it;</li>
 *   <li>a directory of compiled classes listing a {@code META-INF/services/dev.fnkit.api.FunctionApp} (reloads);</li>
 *   <li>any other directory: each immediate subdirectory that is a Maven project or a classes directory, in name
 *       order (so {@code fnkit run samples} runs every sample).</li>
 * </ul>
 * The fnkit-api and fnkit-core jars are left off every app's class path: apps share the runner's.
 */
final class AppLoader {
    private final MavenBuild maven;

    AppLoader(MavenBuild maven) {
        this.maven = maven;
    }

    /**
     * The apps at this location.
     *
     * @throws AppLoadException when it is none of the above, a build fails or a directory holds no app
     */
    List<AppSource> resolve(Path location) {
        Path path = location.toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new AppLoadException(location + " does not exist");
        }
        if (Files.isRegularFile(path)) {
            if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")) {
                throw new AppLoadException(location + " is neither a jar nor a directory");
            }
            return List.of(jar(path));
        }
        if (isMavenProject(path)) {
            return List.of(mavenProject(path));
        }
        if (isClassesDirectory(path)) {
            return List.of(classesDirectory(path));
        }
        List<AppSource> apps = new ArrayList<>();
        for (Path child : children(path)) {
            if (isMavenProject(child)) {
                apps.add(mavenProject(child));
            } else if (isClassesDirectory(child)) {
                apps.add(classesDirectory(child));
            }
        }
        if (apps.isEmpty()) {
            throw new AppLoadException(location + " holds no app: expected a pom.xml, a "
                    + FunctionAppHidingLoader.SERVICE + " file, or subdirectories with one of them");
        }
        return apps;
    }

    private AppSource mavenProject(Path dir) {
        List<Path> classpath = withoutFnkitRuntime(maven.build(dir));
        return new AppSource(dir.getFileName().toString(), dir, classpath,
                List.of(dir.resolve("target").resolve("classes")));
    }

    private static AppSource jar(Path jar) {
        List<Path> classpath = new ArrayList<>();
        classpath.add(jar);
        Path lib = jar.resolveSibling("lib");
        if (Files.isDirectory(lib)) {
            for (Path entry : children(lib)) {
                if (entry.getFileName().toString().endsWith(".jar")) {
                    classpath.add(entry);
                }
            }
        }
        String name = jar.getFileName().toString();
        return new AppSource(name.substring(0, name.length() - 4), jar, withoutFnkitRuntime(classpath), List.of());
    }

    private static AppSource classesDirectory(Path dir) {
        Path parent = dir.getParent();
        boolean mavenLayout = dir.getFileName().toString().equals("classes") && parent != null
                && parent.getFileName() != null && parent.getFileName().toString().equals("target")
                && parent.getParent() != null && parent.getParent().getFileName() != null;
        String name = mavenLayout ? parent.getParent().getFileName().toString() : dir.getFileName().toString();
        return new AppSource(name, dir, List.of(dir), List.of(dir));
    }

    static boolean isMavenProject(Path dir) {
        return Files.isRegularFile(dir.resolve("pom.xml"));
    }

    static boolean isClassesDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve(FunctionAppHidingLoader.SERVICE));
    }

    /** The class path without fnkit-api and fnkit-core, whose classes the runner provides. */
    static List<Path> withoutFnkitRuntime(List<Path> classpath) {
        List<Path> kept = new ArrayList<>(classpath.size());
        for (Path entry : classpath) {
            if (!isFnkitRuntime(entry)) {
                kept.add(entry);
            }
        }
        return kept;
    }

    private static boolean isFnkitRuntime(Path entry) {
        if (Files.isDirectory(entry)) {
            return Files.isRegularFile(entry.resolve("dev/fnkit/api/FunctionApp.class"))
                    || Files.isRegularFile(entry.resolve("dev/fnkit/core/Application.class"));
        }
        String name = entry.getFileName().toString();
        return name.startsWith("fnkit-api-") || name.startsWith("fnkit-core-")
                || name.equals("fnkit-api.jar") || name.equals("fnkit-core.jar");
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new AppLoadException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
