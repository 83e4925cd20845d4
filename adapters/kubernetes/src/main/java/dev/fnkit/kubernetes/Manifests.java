package dev.fnkit.kubernetes;

import dev.fnkit.api.FunctionOptions;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.Application;
import dev.fnkit.selfhosted.worker.ContainerMode;
import dev.fnkit.core.Cron;
import dev.fnkit.core.FunctionDefinition;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Kubernetes resources of one application, built with the fabric8 models: per served function a Knative
 * {@code Service}, and a {@code Deployment}, {@code Service} and {@code HorizontalPodAutoscaler} for clusters without
 * Knative; per schedule function a {@code CronJob} that runs the image once ({@link ContainerMode#ONCE}).
 */
final class Manifests {
    static final String MIN_SCALE = "autoscaling.knative.dev/min-scale";
    static final String MAX_SCALE = "autoscaling.knative.dev/max-scale";
    static final String TARGET = "autoscaling.knative.dev/target";
    static final String NAME_LABEL = "app.kubernetes.io/name";
    static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
    static final String VERSION_LABEL = "app.kubernetes.io/version";
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    static final String HTTP_PORT_NAME = "http1";
    static final int SERVICE_PORT = 80;
    static final int DRAIN_SLACK_SECONDS = 10;
    static final int JOB_START_SLACK_SECONDS = 60;
    private static final int MAX_NAME = 63;

    private final Settings settings;
    private final String app;
    private final String version;

    /**
     * What the packager's settings say about the manifests.
     *
     * @param image          the image reference the manifests run
     * @param namespace      the namespace, or null for the one kubectl uses
     * @param hpaMaxReplicas the HPA's maximum when the function sets no max instances
     * @param cpuTarget      the HPA's average CPU utilisation target, in percent
     * @param cpuRequest     the CPU each pod requests (the HPA measures utilisation against it)
     */
    record Settings(String image, String namespace, int hpaMaxReplicas, int cpuTarget, String cpuRequest) {
    }

    Manifests(String app, String version, Settings settings) {
        this.app = app;
        this.version = version;
        this.settings = settings;
    }

    /** True for the functions that get a served workload (all but schedule functions, which get a CronJob). */
    static boolean served(FunctionDefinition function) {
        return !(function.trigger() instanceof Trigger.Schedule);
    }

    /**
     * A DNS-1035 label from a name (function names already are one; application names may not be): lower case, {@code [a-z0-9-]},
     * starting with a letter, at most 63.
     */
    static String resourceName(String function) {
        String name = function.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-");
        name = name.replaceAll("^[^a-z]+", "");
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        name = name.replaceAll("-+$", "");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("'" + function + "' has no letters to name a resource after");
        }
        return name;
    }

    io.fabric8.knative.serving.v1.Service knativeService(FunctionDefinition function) {
        FunctionOptions options = function.options();
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(MIN_SCALE, Integer.toString(options.minInstances()));
        if (options.maxInstances() > 0) {
            annotations.put(MAX_SCALE, Integer.toString(options.maxInstances()));
        }
        if (options.concurrency() > 0) {
            annotations.put(TARGET, Integer.toString(options.concurrency()));
        }
        Container container = new ContainerBuilder(container(function, false))
                .withName(null)
                .addNewPort().withContainerPort(ContainerImage.PORT).withName(HTTP_PORT_NAME).endPort()
                .withReadinessProbe(readiness(false))
                .build();
        return new ServiceBuilder()
                .withMetadata(metadata(function))
                .withNewSpec()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels(function)).withAnnotations(annotations).endMetadata()
                .withNewSpec()
                .withContainerConcurrency(options.concurrency() > 0 ? (long) options.concurrency() : null)
                .withTimeoutSeconds(timeoutSeconds(options))
                .withContainers(container)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    List<HasMetadata> plain(FunctionDefinition function) {
        FunctionOptions options = function.options();
        String name = resourceName(function.name());
        int minReplicas = Math.max(1, options.minInstances());
        int maxReplicas = Math.max(minReplicas,
                options.maxInstances() > 0 ? options.maxInstances() : settings.hpaMaxReplicas());
        Container container = new ContainerBuilder(container(function, true))
                .addNewPort().withContainerPort(ContainerImage.PORT).withName(HTTP_PORT_NAME).endPort()
                .withReadinessProbe(readiness(true))
                .build();
        Map<String, String> selector = selector(function);
        List<HasMetadata> resources = new ArrayList<>();
        resources.add(new DeploymentBuilder()
                .withMetadata(metadata(function))
                .withNewSpec()
                .withReplicas(minReplicas)
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels(function)).endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(timeoutSeconds(options) + DRAIN_SLACK_SECONDS)
                .withContainers(container)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build());
        resources.add(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withMetadata(metadata(function))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(selector)
                .addNewPort().withName("http").withPort(SERVICE_PORT)
                .withTargetPort(new IntOrString(HTTP_PORT_NAME)).withProtocol("TCP").endPort()
                .endSpec()
                .build());
        resources.add(new HorizontalPodAutoscalerBuilder()
                .withMetadata(metadata(function))
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(name)
                .endScaleTargetRef()
                .withMinReplicas(minReplicas)
                .withMaxReplicas(maxReplicas)
                .addNewMetric().withType("Resource")
                .withNewResource().withName("cpu")
                .withNewTarget().withType("Utilization").withAverageUtilization(settings.cpuTarget()).endTarget()
                .endResource()
                .endMetric()
                .endSpec()
                .build());
        return resources;
    }

    io.fabric8.kubernetes.api.model.batch.v1.CronJob cronJob(FunctionDefinition function) {
        Trigger.Schedule schedule = (Trigger.Schedule) function.trigger();
        FunctionOptions options = function.options();
        Container container = new ContainerBuilder(container(function, false))
                .withArgs(ContainerMode.ONCE)
                .build();
        int retries = options.retry() == null ? 0 : options.retry().maxRetries();
        return new CronJobBuilder()
                .withMetadata(metadata(function))
                .withNewSpec()
                .withSchedule(Cron.parse(schedule.cron()).expression())
                .withTimeZone("Etc/UTC")
                .withNewJobTemplate()
                .withNewMetadata().withLabels(labels(function)).endMetadata()
                .withNewSpec()
                .withBackoffLimit(retries)
                .withActiveDeadlineSeconds((timeoutSeconds(options) + JOB_START_SLACK_SECONDS) * (retries + 1))
                .withNewTemplate()
                .withNewMetadata().withLabels(labels(function)).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withContainers(container)
                .endSpec()
                .endTemplate()
                .endSpec()
                .endJobTemplate()
                .endSpec()
                .build();
    }

    private Container container(FunctionDefinition function, boolean cpuRequest) {
        FunctionOptions options = function.options();
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar(Application.FUNCTION_ENV, function.name(), null));
        for (Map.Entry<String, String> variable : options.environment().entrySet()) {
            env.add(new EnvVar(variable.getKey(), variable.getValue(), null));
        }
        Quantity memory = new Quantity(options.memoryMb() + "Mi");
        ResourceRequirementsBuilder resources = new ResourceRequirementsBuilder()
                .addToRequests("memory", memory)
                .addToLimits("memory", memory);
        if (cpuRequest) {
            resources.addToRequests("cpu", new Quantity(settings.cpuRequest()));
        }
        ResourceRequirements requirements = resources.build();
        return new ContainerBuilder()
                .withName(resourceName(function.name()))
                .withImage(settings.image())
                .withEnv(env)
                .withResources(requirements)
                .build();
    }

    private static Probe readiness(boolean withPort) {
        ProbeBuilder probe = new ProbeBuilder();
        if (withPort) {
            probe.withNewHttpGet().withPath(ContainerMode.READINESS_PATH)
                    .withPort(new IntOrString(HTTP_PORT_NAME)).endHttpGet();
        } else {
            probe.withNewHttpGet().withPath(ContainerMode.READINESS_PATH).endHttpGet();
        }
        return probe.build();
    }

    private ObjectMeta metadata(FunctionDefinition function) {
        return new ObjectMetaBuilder()
                .withName(resourceName(function.name()))
                .withNamespace(settings.namespace())
                .withLabels(labels(function))
                .build();
    }

    private Map<String, String> selector(FunctionDefinition function) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME_LABEL, resourceName(function.name()));
        labels.put(PART_OF_LABEL, labelValue(app));
        return labels;
    }

    private Map<String, String> labels(FunctionDefinition function) {
        Map<String, String> labels = selector(function);
        labels.put(VERSION_LABEL, labelValue(version));
        labels.put(MANAGED_BY_LABEL, "fnkit");
        return labels;
    }

    /** A label value: at most 63 of {@code [A-Za-z0-9._-]}, starting and ending alphanumeric. */
    static String labelValue(String value) {
        String cleaned = value.replaceAll("[^A-Za-z0-9._-]", "-");
        if (cleaned.length() > MAX_NAME) {
            cleaned = cleaned.substring(0, MAX_NAME);
        }
        return cleaned.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    }

    static long timeoutSeconds(FunctionOptions options) {
        long millis = options.timeout().toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
