package dev.fnkit.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.selfhosted.worker.ContainerMode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestsTest {
    @TempDir
    static Path dir;
    static Path out;
    static final List<String> log = new ArrayList<>();

    @BeforeAll
    static void pack() throws IOException {
        var context = Fixtures.context(dir, Map.of("kubernetes.skipImage", "true",
                "kubernetes.namespace", "fns", "kubernetes.image", "registry.example/sample:1.2.0",
                "kubernetes.hpa.maxReplicas", "7", "kubernetes.cpuRequest", "100m"), log);
        new KubernetesPackager().pack(context);
        out = context.outputDirectory();
    }

    @Test
    void writesOneFilePerFunctionAndKind() throws IOException {
        assertThat(list("knative")).containsExactly("greet.yaml", "hello-world.yaml", "orders.yaml");
        assertThat(list("plain")).containsExactly("greet.yaml", "hello-world.yaml", "orders.yaml");
        assertThat(list("cronjobs")).containsExactly("nightly.yaml");
        assertThat(out.resolve("image.tar")).doesNotExist();
        assertThat(out.getParent().resolve("image.tar")).doesNotExist();
    }

    @Test
    void knativeServiceCarriesEveryOption() throws IOException {
        Service service = KubernetesYaml.MAPPER.readValue(out.resolve("knative/hello-world.yaml").toFile(),
                Service.class);
        assertThat(service.getApiVersion()).isEqualTo("serving.knative.dev/v1");
        assertThat(service.getKind()).isEqualTo("Service");
        assertThat(service.getMetadata().getName()).isEqualTo("hello-world");
        assertThat(service.getMetadata().getNamespace()).isEqualTo("fns");
        assertThat(service.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "sample-app")
                .containsEntry("app.kubernetes.io/version", "1.2.0");
        var template = service.getSpec().getTemplate();
        assertThat(template.getMetadata().getAnnotations()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "autoscaling.knative.dev/min-scale", "2",
                "autoscaling.knative.dev/max-scale", "9",
                "autoscaling.knative.dev/target", "40"));
        assertThat(template.getSpec().getContainerConcurrency()).isEqualTo(40L);
        assertThat(template.getSpec().getTimeoutSeconds()).isEqualTo(13L);
        Container container = template.getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example/sample:1.2.0");
        assertThat(container.getEnv()).containsExactly(new EnvVar("FNKIT_FUNCTION", "hello-world", null),
                new EnvVar("GREETING", "hi", null));
        assertThat(container.getResources().getLimits()).containsEntry("memory", new Quantity("768Mi"));
        assertThat(container.getResources().getRequests()).containsEntry("memory", new Quantity("768Mi"))
                .doesNotContainKey("cpu");
        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getContainerPort()).isEqualTo(8080);
            assertThat(port.getName()).isEqualTo("http1");
        });
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo(ContainerMode.READINESS_PATH);
    }

    @Test
    void knativeServiceLeavesPlatformDefaultsUnset() throws IOException {
        Service service = KubernetesYaml.MAPPER.readValue(out.resolve("knative/greet.yaml").toFile(), Service.class);
        var template = service.getSpec().getTemplate();
        assertThat(template.getMetadata().getAnnotations())
                .containsExactlyEntriesOf(Map.of("autoscaling.knative.dev/min-scale", "0"));
        assertThat(template.getSpec().getContainerConcurrency()).isNull();
        assertThat(template.getSpec().getTimeoutSeconds()).isEqualTo(30L);
        assertThat(Files.readString(out.resolve("knative/greet.yaml"))).doesNotContain("containerConcurrency")
                .doesNotContain("{}").doesNotContain("[]");
    }

    @Test
    void plainManifestsAreDeploymentServiceAndAutoscaler() throws IOException {
        List<JsonNode> docs = documents("plain/hello-world.yaml");
        assertThat(docs).hasSize(3);
        Deployment deployment = KubernetesYaml.MAPPER.treeToValue(docs.get(0), Deployment.class);
        assertThat(deployment.getApiVersion()).isEqualTo("apps/v1");
        assertThat(deployment.getMetadata().getNamespace()).isEqualTo("fns");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of(
                "app.kubernetes.io/name", "hello-world", "app.kubernetes.io/part-of", "sample-app"));
        var pod = deployment.getSpec().getTemplate();
        assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(
                deployment.getSpec().getSelector().getMatchLabels());
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(23L);
        Container container = pod.getSpec().getContainers().get(0);
        assertThat(container.getName()).isEqualTo("hello-world");
        assertThat(container.getEnv()).contains(new EnvVar("FNKIT_FUNCTION", "hello-world", null),
                new EnvVar("GREETING", "hi", null));
        assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("100m"))
                .containsEntry("memory", new Quantity("768Mi"));
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http1");

        var service = KubernetesYaml.MAPPER.treeToValue(docs.get(1), io.fabric8.kubernetes.api.model.Service.class);
        assertThat(service.getKind()).isEqualTo("Service");
        assertThat(service.getApiVersion()).isEqualTo("v1");
        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(80);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http1");
        });

        HorizontalPodAutoscaler hpa = KubernetesYaml.MAPPER.treeToValue(docs.get(2), HorizontalPodAutoscaler.class);
        assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("hello-world");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(9);
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization())
                .isEqualTo(70);
    }

    @Test
    void autoscalerUsesSettingsWhenTheFunctionSetsNoLimit() throws IOException {
        List<JsonNode> docs = documents("plain/greet.yaml");
        Deployment deployment = KubernetesYaml.MAPPER.treeToValue(docs.get(0), Deployment.class);
        HorizontalPodAutoscaler hpa = KubernetesYaml.MAPPER.treeToValue(docs.get(2), HorizontalPodAutoscaler.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(7);
        assertThat(log).anyMatch(line -> line.startsWith("greet: min instances 0"));
    }

    @Test
    void scheduleBecomesCronJobRunningTheImageOnce() throws IOException {
        CronJob cron = KubernetesYaml.MAPPER.readValue(out.resolve("cronjobs/nightly.yaml").toFile(), CronJob.class);
        assertThat(cron.getApiVersion()).isEqualTo("batch/v1");
        assertThat(cron.getSpec().getSchedule()).isEqualTo("0 2 * * 1-5");
        assertThat(cron.getSpec().getTimeZone()).isEqualTo("Etc/UTC");
        var job = cron.getSpec().getJobTemplate().getSpec();
        assertThat(job.getBackoffLimit()).isEqualTo(2);
        assertThat(job.getActiveDeadlineSeconds()).isEqualTo((90L + 60) * 3);
        assertThat(job.getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        Container container = job.getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getArgs()).containsExactly("--once");
        assertThat(container.getEnv()).containsExactly(new EnvVar("FNKIT_FUNCTION", "nightly", null));
        assertThat(container.getImage()).isEqualTo("registry.example/sample:1.2.0");
        assertThat(container.getResources().getLimits()).containsEntry("memory", new Quantity("512Mi"));
    }

    @Test
    void unmappedTriggersAreLogged() {
        assertThat(log).anyMatch(line -> line.startsWith("orders: trigger 'queue orders-queue' is not mapped"));
        assertThat(log).noneMatch(line -> line.startsWith("nightly:") || line.startsWith("hello-world: trigger"));
    }

    @Test
    void resourceNamesAreDnsLabels() {
        assertThat(Manifests.resourceName("Hello_World")).isEqualTo("hello-world");
        assertThat(Manifests.resourceName("9lives--x.")).isEqualTo("lives-x");
        assertThat(Manifests.resourceName("a".repeat(70))).hasSize(63);
        assertThatThrownBy(() -> Manifests.resourceName("123")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> list(String folder) throws IOException {
        try (var files = Files.list(out.resolve(folder))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<JsonNode> documents(String file) throws IOException {
        try (MappingIterator<JsonNode> docs = KubernetesYaml.MAPPER.readerFor(JsonNode.class)
                .readValues(out.resolve(file).toFile())) {
            return docs.readAll();
        }
    }
}
