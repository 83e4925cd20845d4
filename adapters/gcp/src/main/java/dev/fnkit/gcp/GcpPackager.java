package dev.fnkit.gcp;

import dev.fnkit.core.Packager;
import dev.fnkit.core.PackagingContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packages an application for Google Cloud Functions (target {@code gcp}) into {@code target/fnkit/gcp/}: a folder
 * that {@code gcloud functions deploy --gen2 --runtime java17 --source <folder>} accepts as a prebuilt deployment
 * (the application's jar, alone at the top, with a manifest {@code Class-Path} to {@code libs/}, which holds its
 * dependencies and fnkit-gcp's {@linkplain PackagingContext#runtimeJars() runtime jars}, without the Functions
 * Framework API the runtime provides), a {@code .gcloudignore}, and {@code deploy.sh} with the exact deploy command of
 * each function.
 *
 * <p>Settings: {@code gcp.region} (default {@code us-central1}), {@code gcp.runtime} (default {@code java17}),
 * {@code gcp.firestore.database} (default {@code (default)}).
 */
public final class GcpPackager implements Packager {
    static final String LIBS = "libs";
    static final String SCRIPT = "deploy.sh";
    private static final String RUNTIME_API = "functions-framework-api-";

    /** Used by {@link java.util.ServiceLoader}. */
    public GcpPackager() {
    }

    @Override
    public String target() {
        return "gcp";
    }

    @Override
    public void pack(PackagingContext context) throws IOException {
        List<Path> runtimeJars = context.requireRuntimeJars();
        Path out = context.outputDirectory();
        Path libs = out.resolve(LIBS);
        Files.createDirectories(libs);
        Map<String, Path> jars = new LinkedHashMap<>();
        for (Path jar : context.dependencies()) {
            addJar(jars, jar);
        }
        for (Path jar : runtimeJars) {
            addJar(jars, jar);
        }
        List<String> classPath = new ArrayList<>(jars.size());
        for (Map.Entry<String, Path> jar : jars.entrySet()) {
            Files.copy(jar.getValue(), libs.resolve(jar.getKey()));
            classPath.add(LIBS + "/" + jar.getKey());
        }
        Path appJar = out.resolve(context.appJar().getFileName().toString());
        ThinJar.write(context.appJar(), appJar, classPath);
        Files.writeString(out.resolve(".gcloudignore"), SCRIPT + "\n.gcloudignore\n", StandardCharsets.UTF_8);
        Path script = out.resolve(SCRIPT);
        Files.writeString(script, DeployScript.render(context), StandardCharsets.UTF_8);
        makeExecutable(script);
        context.log().accept(appJar.getFileName() + " with " + jars.size() + " jars in " + LIBS + "/; deploy with "
                + out.relativize(script) + " (" + context.functions().size() + " functions)");
    }

    private static void addJar(Map<String, Path> jars, Path jar) {
        String name = jar.getFileName().toString();
        if (name.endsWith(".jar") && !providedByRuntime(name)) {
            jars.putIfAbsent(name, jar);
        }
    }

    /** True for the Functions Framework API jar, which the Cloud Functions runtime provides itself. */
    static boolean providedByRuntime(String jarName) {
        return jarName.startsWith(RUNTIME_API);
    }

    private static void makeExecutable(Path script) throws IOException {
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            if (!script.toFile().setExecutable(true, false)) {
                throw new IOException("Cannot make " + script + " executable");
            }
        }
    }
}
