package dev.fnkit.kubernetes;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import dev.fnkit.selfhosted.worker.ContainerMode;
import dev.fnkit.selfhosted.worker.Worker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The application's OCI image, built by Jib into a tarball without a Docker daemon: fnkit's runtime jars, the
 * application's dependencies and the application jar as three layers over the base image, with
 * the self-hosted worker in container mode ({@code Worker --container}, see {@link ContainerMode}) as the entry
 * point.
 */
final class ContainerImage {
    static final String APP_DIR = "/app";
    static final String LIBS_DIR = APP_DIR + "/libs";
    static final String RUNTIME_LAYER = "fnkit runtime";
    static final String DEPENDENCIES_LAYER = "dependencies";
    static final String APPLICATION_LAYER = "application";
    static final int PORT = ContainerMode.DEFAULT_PORT;

    /**
     * Jars that the packager needs at build time (Jib, the fabric8 models, YAML) but the container never loads; they
     * arrive among the runtime jars because they are this packager's dependencies. Matched on the file name without
     * its version.
     */
    private static final Set<String> BUILD_ONLY = Set.of(
            "jib-core", "jib-build-plan", "google-http-client", "google-http-client-apache-v2",
            "google-http-client-gson", "httpclient", "httpcore", "commons-logging", "commons-codec", "jsr305",
            "j2objc-annotations", "opencensus-api", "opencensus-contrib-http-util", "grpc-context",
            "google-auth-library-oauth2-http", "google-auth-library-credentials", "auto-value-annotations", "gson",
            "commons-compress", "commons-io", "commons-lang3", "guava", "failureaccess", "listenablefuture",
            "checker-qual", "error_prone_annotations", "asm", "kubernetes-model-core", "kubernetes-model-common",
            "kubernetes-model-apps", "kubernetes-model-autoscaling", "kubernetes-model-batch", "knative-model",
            "jackson-dataformat-yaml", "snakeyaml");

    private ContainerImage() {
    }

    /** What goes into the image. */
    record Spec(String reference, String baseImage, Path appJar, List<Path> dependencies, List<Path> runtimeJars,
                Map<String, String> environment, Map<String, String> labels) {
    }

    /** The jars of a layer, by the name they get in {@value #LIBS_DIR}. */
    record Layers(Map<String, Path> runtime, Map<String, Path> dependencies) {
    }

    /**
     * Splits the jars into layers: the application's dependencies win over fnkit's runtime jars of the same file
     * name, and build-only jars are left out.
     */
    static Layers layers(List<Path> dependencies, List<Path> runtimeJars) {
        Map<String, Path> deps = new LinkedHashMap<>();
        for (Path jar : dependencies) {
            String name = jar.getFileName().toString();
            if (name.endsWith(".jar")) {
                deps.putIfAbsent(name, jar);
            }
        }
        Map<String, Path> runtime = new LinkedHashMap<>();
        for (Path jar : runtimeJars) {
            String name = jar.getFileName().toString();
            if (name.endsWith(".jar") && !deps.containsKey(name) && !buildOnly(name)) {
                runtime.putIfAbsent(name, jar);
            }
        }
        return new Layers(runtime, deps);
    }

    static boolean buildOnly(String jarName) {
        return BUILD_ONLY.contains(artifactId(jarName));
    }

    /** {@code guava-32.1.2-jre.jar} → {@code guava}: the name up to the first {@code -} followed by a digit. */
    static String artifactId(String jarName) {
        String base = jarName.endsWith(".jar") ? jarName.substring(0, jarName.length() - 4) : jarName;
        for (int i = 0; i < base.length() - 1; i++) {
            if (base.charAt(i) == '-' && Character.isDigit(base.charAt(i + 1))) {
                return base.substring(0, i);
            }
        }
        return base;
    }

    static String appJarPath(Path appJar) {
        return APP_DIR + "/" + appJar.getFileName();
    }

    static List<String> entrypoint(Path appJar) {
        return List.of("java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                "-cp", appJarPath(appJar) + ":" + LIBS_DIR + "/*", Worker.class.getName(), ContainerMode.FLAG);
    }

    /** Builds the image into {@code tar} (OCI layout) and returns the image's digest. */
    static String build(Spec spec, Path tar, Path cache, Consumer<String> log) throws IOException {
        Layers layers = layers(spec.dependencies(), spec.runtimeJars());
        try {
            JibContainerBuilder builder = Jib.from(spec.baseImage())
                    .setFormat(ImageFormat.OCI)
                    .addFileEntriesLayer(layer(RUNTIME_LAYER, layers.runtime()))
                    .addFileEntriesLayer(layer(DEPENDENCIES_LAYER, layers.dependencies()))
                    .addFileEntriesLayer(FileEntriesLayer.builder().setName(APPLICATION_LAYER)
                            .addEntry(spec.appJar(), AbsoluteUnixPath.get(appJarPath(spec.appJar()))).build())
                    .setEntrypoint(entrypoint(spec.appJar()))
                    .setProgramArguments(List.of())
                    .setEnvironment(spec.environment())
                    .setExposedPorts(Set.of(Port.tcp(PORT)))
                    .setLabels(spec.labels())
                    .setWorkingDirectory(AbsoluteUnixPath.get(APP_DIR));
            ImageReference reference = ImageReference.parse(spec.reference());
            Containerizer containerizer = Containerizer.to(TarImage.at(tar).named(reference))
                    .setOfflineMode(isOffline(spec.baseImage()))
                    .setApplicationLayersCache(cache.resolve("application"))
                    .setBaseImageLayersCache(cache.resolve("base"))
                    .setToolName("fnkit")
                    .addEventHandler(LogEvent.class, event -> {
                        if (event.getLevel() == LogEvent.Level.ERROR || event.getLevel() == LogEvent.Level.WARN) {
                            log.accept("jib: " + event.getMessage());
                        }
                    });
            JibContainer container = builder.containerize(containerizer);
            return container.getDigest().toString();
        } catch (InvalidImageReferenceException e) {
            throw new IOException("Invalid image reference: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException("Building the image on " + spec.baseImage() + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while building the image", e);
        } catch (com.google.cloud.tools.jib.api.CacheDirectoryCreationException
                 | com.google.cloud.tools.jib.api.RegistryException e) {
            throw new IOException("Building the image on " + spec.baseImage() + " failed: " + e.getMessage(), e);
        }
    }

    /** Bases that need no registry: {@code scratch} and local tarballs. */
    static boolean isOffline(String baseImage) {
        return baseImage.equals("scratch") || baseImage.startsWith("tar://");
    }

    private static FileEntriesLayer layer(String name, Map<String, Path> jars) {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        List<String> sorted = new ArrayList<>(jars.keySet());
        for (String jar : sorted) {
            layer.addEntry(jars.get(jar), AbsoluteUnixPath.get(LIBS_DIR + "/" + jar));
        }
        return layer.build();
    }
}
