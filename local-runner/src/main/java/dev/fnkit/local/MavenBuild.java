package dev.fnkit.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds a Maven project and reads its runtime class path, in one Maven run:
 * {@code <mvn> -q -B -DskipTests -f <dir>/pom.xml compile dependency:build-classpath}. Maven is the nearest
 * {@code mvnw} in the directory or above it, else {@code mvn} on the {@code PATH}.
 */
final class MavenBuild {
    static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

    private final PrintStream log;

    /** @param log where Maven's output goes */
    MavenBuild(PrintStream log) {
        this.log = log;
    }

    /**
     * Compiles the project and returns its runtime class path: {@code target/classes}, then its dependencies.
     *
     * @throws AppLoadException when Maven cannot be started or the build fails
     */
    List<Path> build(Path project) {
        Path dir = project.toAbsolutePath().normalize();
        Path classpathFile = dir.resolve("target").resolve("fnkit-runtime-classpath.txt");
        List<String> command = new ArrayList<>(List.of(maven(dir), "-q", "-B", "-DskipTests",
                "-f", dir.resolve("pom.xml").toString(), "compile",
                DEPENDENCY_PLUGIN + ":build-classpath",
                "-Dmdep.outputFile=" + classpathFile, "-Dmdep.includeScope=runtime"));
        log.println("fnkit: building " + dir + " with " + command.get(0) + " (compile, then its class path) ...");
        long started = System.nanoTime();
        int exit = run(command, dir);
        if (exit != 0) {
            throw new AppLoadException("building " + dir + " failed (" + String.join(" ", command) + " exited with "
                    + exit + "); see Maven's output above");
        }
        log.println(String.format(Locale.ROOT, "fnkit: built %s in %.1f s", dir, (System.nanoTime() - started) / 1e9));
        Path classes = dir.resolve("target").resolve("classes");
        if (!Files.isDirectory(classes)) {
            throw new AppLoadException("Maven built " + dir + " but there is no " + classes
                    + ": is it a jar project? (for a multi-module project, name the module directories)");
        }
        List<Path> classpath = new ArrayList<>();
        classpath.add(classes);
        try {
            String entries = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
            for (String entry : entries.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    classpath.add(Path.of(entry.strip()));
                }
            }
        } catch (IOException e) {
            throw new AppLoadException("Maven built " + dir + " but wrote no class path to " + classpathFile, e);
        }
        return classpath;
    }

    private int run(List<String> command, Path dir) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        try {
            Process process = builder.start();
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = output.readLine()) != null) {
                    log.println(line);
                }
            }
            return process.waitFor();
        } catch (IOException e) {
            throw new AppLoadException("cannot run Maven (" + command.get(0) + ") to build " + dir + ": "
                    + e.getMessage() + "; install Maven or add the Maven wrapper (mvnw) to the project", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AppLoadException("interrupted while building " + dir, e);
        }
    }

    /** The nearest Maven wrapper in {@code dir} or a directory above it, else {@code mvn}. */
    static String maven(Path dir) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        String wrapper = windows ? "mvnw.cmd" : "mvnw";
        for (Path at = dir.toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve(wrapper);
            if (Files.isRegularFile(candidate) && (windows || Files.isExecutable(candidate))) {
                return candidate.toString();
            }
        }
        return windows ? "mvn.cmd" : "mvn";
    }
}
