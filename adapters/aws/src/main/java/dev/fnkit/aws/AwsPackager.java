package dev.fnkit.aws;

import dev.fnkit.core.Packager;
import dev.fnkit.core.PackagingContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Packages an application for AWS Lambda into {@code target/fnkit/aws/}: {@code function.zip}, the deployment
 * package every function of the application shares (the application's jar unpacked at the root; its runtime
 * dependencies, fnkit-aws and fnkit-aws's own dependencies as jars in {@code lib/}), and {@code template.yaml}, a SAM
 * template with one function per portable function ({@link SamTemplate}).
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
            zip.add("lib/" + jar.getKey(), jar.getValue());
        }
        zip.write(out.resolve(SamTemplate.CODE));
        Files.writeString(out.resolve("template.yaml"), template, StandardCharsets.UTF_8);
        log(context, "function.zip for " + context.functions().size() + " function(s), handler "
                + SamTemplate.HANDLER + "; deploy with: sam deploy --guided --template-file " + out.resolve(
                "template.yaml"));
    }

    /** The jars of {@code lib/}, by file name: the application's dependencies, then the adapter's. */
    static Map<String, byte[]> libraries(PackagingContext context) throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        Map<String, byte[]> jars = new LinkedHashMap<>();
        for (Path dependency : context.dependencies()) {
            String[] coordinates = AdapterJars.coordinates(dependency);
            String key = coordinates == null ? dependency.getFileName().toString()
                    : coordinates[0] + ":" + coordinates[1];
            if (PROVIDED.contains(key) || versions.containsKey(key)) {
                continue;
            }
            versions.put(key, coordinates == null ? "" : coordinates[2]);
            jars.put(dependency.getFileName().toString(), Files.isDirectory(dependency)
                    ? LambdaZip.jarOf(dependency) : Files.readAllBytes(dependency));
        }
        List<AdapterJars.Artifact> adapter = AdapterJars.runtime();
        for (AdapterJars.Artifact artifact : adapter) {
            String kept = versions.get(artifact.key());
            if (PROVIDED.contains(artifact.key()) || PACKAGING_ONLY.contains(artifact.key())) {
                continue;
            }
            if (kept != null) {
                if (!kept.equals(artifact.version())) {
                    log(context, "The application uses " + artifact.key() + " " + kept + " where fnkit-aws was built"
                            + " with " + artifact.version() + ": packaging the application's");
                }
                continue;
            }
            versions.put(artifact.key(), artifact.version());
            Path location = artifact.location();
            jars.put(artifact.fileName(), Files.isDirectory(location) ? LambdaZip.jarOf(location)
                    : Files.readAllBytes(location));
        }
        return jars;
    }

    private static void log(PackagingContext context, String line) {
        if (context.log() != null) {
            context.log().accept(line);
        }
    }
}
