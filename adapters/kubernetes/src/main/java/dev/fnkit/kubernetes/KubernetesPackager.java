package dev.fnkit.kubernetes;

import dev.fnkit.api.Trigger;
import dev.fnkit.core.Application;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.Packager;
import dev.fnkit.core.PackagingContext;
import dev.fnkit.selfhosted.worker.ContainerMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packages an application for Kubernetes (target {@code kubernetes}):
 * <ul>
 *   <li>{@code target/fnkit/image.tar} (beside the target folders, as the image is not Kubernetes-specific): an OCI
 *       image built with Jib, no Docker daemon, whose entry point (the self-hosted worker in container mode, see
 *       {@link ContainerMode}) serves the function named by {@code FNKIT_FUNCTION} on {@code $PORT} — one image
 *       for every function of the application;</li>
 *   <li>{@code kubernetes/knative/<function>.yaml}: a Knative {@code Service} per function not triggered by a
 *       schedule;</li>
 *   <li>{@code kubernetes/plain/<function>.yaml}: the same function as {@code Deployment}, {@code Service} and
 *       {@code HorizontalPodAutoscaler}, for clusters without Knative;</li>
 *   <li>{@code kubernetes/cronjobs/<function>.yaml}: a {@code CronJob} per schedule function, running the image
 *       once.</li>
 * </ul>
 * Queue, topic, storage, stream and change triggers are not mapped: their functions are deployed and take CloudEvents
 * over HTTP, and the packaging log says what still has to deliver them.
 *
 * <p>Settings: {@code kubernetes.baseImage} (default {@value #DEFAULT_BASE_IMAGE}; {@code scratch} and
 * {@code tar://path} need no registry, but only a base with a JRE runs), {@code kubernetes.image} (default
 * {@code <app>:<version>}), {@code kubernetes.namespace}, {@code kubernetes.hpa.maxReplicas} (default 10),
 * {@code kubernetes.hpa.cpuUtilization} (default 70), {@code kubernetes.cpuRequest} (default {@code 250m}),
 * {@code kubernetes.skipImage} ({@code true} writes only the manifests).
 */
public final class KubernetesPackager implements Packager {
    /** The default base image: a JRE the entry point's {@code java} comes from. */
    public static final String DEFAULT_BASE_IMAGE = "eclipse-temurin:17-jre";
    static final String IMAGE_TAR = "image.tar";
    static final String KNATIVE_DIR = "knative";
    static final String PLAIN_DIR = "plain";
    static final String CRONJOB_DIR = "cronjobs";

    /** Used by {@link java.util.ServiceLoader}. */
    public KubernetesPackager() {
    }

    @Override
    public String target() {
        return "kubernetes";
    }

    @Override
    public void pack(PackagingContext context) throws IOException {
        Path out = context.outputDirectory();
        Files.createDirectories(out);
        String image = context.setting("kubernetes.image", defaultImage(context.appName(), context.version()));
        Manifests manifests = new Manifests(context.appName(), context.version(), new Manifests.Settings(
                image,
                blankToNull(context.setting("kubernetes.namespace", null)),
                intSetting(context, "kubernetes.hpa.maxReplicas", 10),
                intSetting(context, "kubernetes.hpa.cpuUtilization", 70),
                context.setting("kubernetes.cpuRequest", "250m")));
        int files = 0;
        for (FunctionDefinition function : context.functions()) {
            String name = Manifests.resourceName(function.name());
            if (Manifests.served(function)) {
                write(out.resolve(KNATIVE_DIR).resolve(name + ".yaml"), List.of(manifests.knativeService(function)));
                write(out.resolve(PLAIN_DIR).resolve(name + ".yaml"), manifests.plain(function));
                files += 2;
            } else {
                write(out.resolve(CRONJOB_DIR).resolve(name + ".yaml"), List.of(manifests.cronJob(function)));
                files++;
            }
            notMapped(function).ifPresent(context.log());
            if (Manifests.served(function) && function.options().minInstances() == 0) {
                context.log().accept(function.name() + ": min instances 0 scales to zero on Knative only; the"
                        + " HorizontalPodAutoscaler keeps at least 1 replica");
            }
        }
        context.log().accept(files + " manifest files in " + out + " (" + context.functions().size() + " functions;"
                + " kubectl apply -f " + KNATIVE_DIR + "/ or -f " + PLAIN_DIR + "/, and -f " + CRONJOB_DIR + "/)");
        if (Boolean.parseBoolean(context.setting("kubernetes.skipImage", "false"))) {
            context.log().accept("image skipped (kubernetes.skipImage)");
            return;
        }
        String baseImage = context.setting("kubernetes.baseImage", DEFAULT_BASE_IMAGE);
        Path root = out.toAbsolutePath().getParent() == null ? out : out.toAbsolutePath().getParent();
        Path tar = imageTar(out);
        Path cache = root.resolve(".jib-cache");
        String digest = ContainerImage.build(new ContainerImage.Spec(image, baseImage, context.appJar(),
                context.dependencies(), context.requireRuntimeJars(), imageEnvironment(context),
                imageLabels(context)), tar, cache, context.log());
        context.log().accept(tar + " (" + image + " on " + baseImage + ", " + digest + ")"
                + (baseImage.equals("scratch") ? "; a scratch base has no java: a real deployment needs a JRE base"
                : ""));
    }

    /** Where the image goes: {@code image.tar} in the parent of the packager's folder (i.e. {@code target/fnkit}). */
    static Path imageTar(Path outputDirectory) {
        Path parent = outputDirectory.toAbsolutePath().getParent();
        return (parent == null ? outputDirectory : parent).resolve(IMAGE_TAR);
    }

    static String defaultImage(String app, String version) {
        return Manifests.resourceName(app) + ":" + version.replaceAll("[^A-Za-z0-9_.-]", "-");
    }

    private static Map<String, String> imageEnvironment(PackagingContext context) {
        Map<String, String> env = new LinkedHashMap<>();
        if (context.functions().size() == 1) {
            env.put(Application.FUNCTION_ENV, context.functions().get(0).name());
        }
        if (!context.appClasses().isEmpty()) {
            env.put(Application.APP_ENV, String.join(",", context.appClasses()));
        }
        return env;
    }

    private static Map<String, String> imageLabels(PackagingContext context) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", context.appName());
        labels.put("org.opencontainers.image.version", context.version());
        labels.put("dev.fnkit.functions", String.join(",",
                context.functions().stream().map(FunctionDefinition::name).toList()));
        return labels;
    }

    /** The line saying that a function's trigger has no Kubernetes resource, or empty when it has one. */
    static java.util.Optional<String> notMapped(FunctionDefinition function) {
        Trigger trigger = function.trigger();
        if (trigger instanceof Trigger.Http || trigger instanceof Trigger.Invoke
                || trigger instanceof Trigger.Schedule) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(function.name() + ": trigger '" + function.describeTrigger() + "' is not mapped;"
                + " the function is deployed and takes CloudEvents (binary or structured) by POST, so point a"
                + " Knative Eventing source or your broker's push delivery at its Service");
    }

    private static void write(Path file, List<?> resources) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, KubernetesYaml.write(resources), StandardCharsets.UTF_8);
    }

    private static int intSetting(PackagingContext context, String key, int defaultValue) {
        String value = context.setting(key, null);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number but is '" + value + "'", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
