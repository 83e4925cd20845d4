package dev.fnkit.aws;

import dev.fnkit.core.Packager;
import dev.fnkit.core.PackagingContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Packages an application for AWS Lambda into {@code target/fnkit/aws/}: {@code function.zip}, the deployment
 * package every function of the application shares (the application's jar unpacked at the root; its runtime
 * dependencies, fnkit-aws and fnkit-aws's own dependencies, as the fnkit Maven plugin resolved them
 * ({@link PackagingContext#runtimeJars()}), as jars in {@code lib/}), and {@code template.yaml}, a SAM template with
 * one function per portable function ({@link SamTemplate}).
 *
 * <p>What is left out: the runtime interface client and its serialisation library, which the managed Java runtimes
 * provide and load themselves, and the YAML libraries fnkit-aws uses only to write the template (unless the
 * application itself depends on them). {@code aws-lambda-java-core} stays: it is a few kilobytes, the runtime's own copy wins
 * in its parent-first class loader anyway, and the zip then also runs under a plain runtime interface client. When the
 * application and the adapter depend on different versions of one artifact, the application's is kept (as Maven's
 * nearest-wins would) and the difference is reported.
 */
public final class AwsPackager implements Packager {
    /** Artifacts the Lambda Java runtimes provide. */
    static final Set<String> PROVIDED = Set.of("com.amazonaws:aws-lambda-java-runtime-interface-client",
            "com.amazonaws:aws-lambda-java-serialization");

    /** Artifacts fnkit-aws needs only to write the SAM template, never on Lambda. */
    static final Set<String> PACKAGING_ONLY = Set.of("com.fasterxml.jackson.dataformat:jackson-dataformat-yaml",
            "org.yaml:snakeyaml");

    /** Used by {@link java.util.ServiceLoader}. */
    public AwsPackager() {
    }

    @Override
    public String target() {
        return "aws";
    }

    @Override
    public void pack(PackagingContext context) throws IOException {
        Path out = context.outputDirectory();
        Files.createDirectories(out);
        String template = SamTemplate.yaml(context);
        LambdaZip zip = new LambdaZip().unpack(context.appJar());
        for (Map.Entry<String, byte[]> jar : libraries(context).entrySet()) {
            zip.add("lib/" + jar.getKey(), LambdaZip.uncompressed(jar.getValue()));
        }
        zip.write(out.resolve(SamTemplate.CODE));
        Files.writeString(out.resolve("template.yaml"), template, StandardCharsets.UTF_8);
        log(context, "function.zip for " + context.functions().size() + " function(s), handler "
                + SamTemplate.HANDLER + "; deploy with: sam deploy --guided --template-file " + out.resolve(
                "template.yaml"));
    }

    /** The jars of {@code lib/}, by file name: the application's dependencies, then the adapter's runtime jars. */
    static Map<String, byte[]> libraries(PackagingContext context) throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        Map<String, byte[]> jars = new LinkedHashMap<>();
        for (Path dependency : context.dependencies()) {
            String[] coordinates = coordinates(dependency);
            String key = key(dependency, coordinates);
            if (isOneOf(PROVIDED, coordinates, dependency) || versions.containsKey(key)) {
                continue;
            }
            versions.put(key, version(coordinates));
            jars.put(dependency.getFileName().toString(), Files.isDirectory(dependency)
                    ? LambdaZip.jarOf(dependency) : Files.readAllBytes(dependency));
        }
        for (Path jar : context.requireRuntimeJars()) {
            String[] coordinates = coordinates(jar);
            String key = key(jar, coordinates);
            if (isOneOf(PROVIDED, coordinates, jar) || isOneOf(PACKAGING_ONLY, coordinates, jar)) {
                continue;
            }
            String kept = versions.get(key);
            if (kept != null) {
                if (!kept.equals(version(coordinates))) {
                    log(context, "The application uses " + key + " " + kept + " where fnkit-aws was built"
                            + " with " + version(coordinates) + ": packaging the application's");
                }
                continue;
            }
            versions.put(key, version(coordinates));
            jars.putIfAbsent(jar.getFileName().toString(), Files.readAllBytes(jar));
        }
        return jars;
    }

    /**
     * Whether a jar is one of the artifacts ({@code groupId:artifactId}): by its coordinates, or, for a jar without
     * any (a shaded jar may have none), by a file name of the artifact id and a version.
     */
    private static boolean isOneOf(Set<String> artifacts, String[] coordinates, Path jar) {
        if (coordinates != null) {
            return artifacts.contains(coordinates[0] + ":" + coordinates[1]);
        }
        String name = jar.getFileName().toString();
        for (String artifact : artifacts) {
            String prefix = artifact.substring(artifact.indexOf(':') + 1) + "-";
            if (name.startsWith(prefix) && name.length() > prefix.length()
                    && Character.isDigit(name.charAt(prefix.length()))) {
                return true;
            }
        }
        return false;
    }

    private static String key(Path jar, String[] coordinates) {
        return coordinates == null ? jar.getFileName().toString() : coordinates[0] + ":" + coordinates[1];
    }

    private static String version(String[] coordinates) {
        return coordinates == null ? "" : coordinates[2];
    }

    /**
     * {@code groupId, artifactId, version} of a jar from its {@code META-INF/maven/.../pom.properties} (the one whose
     * artifact id starts the file name, when it has several), or null.
     */
    private static String[] coordinates(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return null;
        }
        String name = jar.getFileName().toString();
        try (JarFile file = new JarFile(jar.toFile())) {
            String[] best = null;
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
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

    private static void log(PackagingContext context, String line) {
        if (context.log() != null) {
            context.log().accept(line);
        }
    }
}
