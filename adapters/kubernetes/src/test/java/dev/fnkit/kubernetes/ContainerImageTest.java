package dev.fnkit.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerImageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Map<String, byte[]> tar;
    static JsonNode manifest;
    static JsonNode config;
    static final List<String> log = new ArrayList<>();

    @BeforeAll
    static void build() throws IOException {
        var context = Fixtures.context(dir, Map.of("kubernetes.baseImage", "scratch"), log);
        new KubernetesPackager().pack(context);
        Path image = context.outputDirectory().getParent().resolve("image.tar");
        assertThat(KubernetesPackager.imageTar(context.outputDirectory())).isEqualTo(image);
        tar = Tar.read(Files.readAllBytes(image));
        JsonNode index = JSON.readTree(tar.get("index.json"));
        manifest = JSON.readTree(blob(index.get("manifests").get(0).get("digest").asText()));
        config = JSON.readTree(blob(manifest.get("config").get("digest").asText()));
    }

    @Test
    void isAnOciLayoutNamedAfterTheApp() throws IOException {
        assertThat(tar).containsKey("oci-layout");
        JsonNode index = JSON.readTree(tar.get("index.json"));
        assertThat(index.get("manifests").get(0).get("mediaType").asText())
                .isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(index.toString()).contains("sample-app");
        assertThat(manifest.get("config").get("mediaType").asText())
                .isEqualTo("application/vnd.oci.image.config.v1+json");
        assertThat(log).anyMatch(line -> line.contains("image.tar (sample-app:1.2.0 on scratch")
                && line.contains("needs a JRE base"));
    }

    @Test
    void configRunsTheWorkerInContainerModeOnPort8080() {
        JsonNode container = config.get("config");
        List<String> entrypoint = new ArrayList<>();
        container.get("Entrypoint").forEach(node -> entrypoint.add(node.asText()));
        assertThat(entrypoint).containsExactly("java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                "-cp", "/app/sample-app-1.2.0.jar:/app/libs/*", "dev.fnkit.selfhosted.worker.Worker", "--container");
        assertThat(container.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(container.get("WorkingDir").asText()).isEqualTo("/app");
        assertThat(container.get("Labels").get("dev.fnkit.functions").asText())
                .isEqualTo("hello-world,greet,nightly,orders");
        List<String> env = new ArrayList<>();
        if (container.has("Env")) {
            container.get("Env").forEach(node -> env.add(node.asText()));
        }
        assertThat(env).noneMatch(e -> e.startsWith("FNKIT_FUNCTION="));
        assertThat(env).contains("FNKIT_APP=" + SampleApp.class.getName());
        assertThat(config.get("architecture").asText()).isNotEmpty();
    }

    @Test
    void layersHoldRuntimeDependenciesAndTheApp() throws IOException {
        JsonNode layers = manifest.get("layers");
        assertThat(layers).hasSize(3);
        List<String> runtime = entries(layers.get(0));
        List<String> dependencies = entries(layers.get(1));
        List<String> application = entries(layers.get(2));
        assertThat(runtime).contains("app/libs/fnkit-kubernetes-0.1.0-SNAPSHOT.jar")
                .anyMatch(e -> e.matches("app/libs/fnkit-self-hosted.*\\.jar"))
                .anyMatch(e -> e.matches("app/libs/fnkit-local-runner.*\\.jar"))
                .anyMatch(e -> e.matches("app/libs/fnkit-core.*\\.jar"))
                .anyMatch(e -> e.matches("app/libs/netty-codec-http-.*\\.jar"))
                .anyMatch(e -> e.matches("app/libs/jackson-databind-.*\\.jar"))
                .noneMatch(e -> e.matches("app/libs/(jib-core|guava|kubernetes-model-core|knative-model"
                        + "|snakeyaml|commons-compress)-.*"));
        assertThat(dependencies).filteredOn(e -> e.endsWith(".jar")).containsExactly("app/libs/app-dependency-3.1.jar");
        assertThat(application).filteredOn(e -> e.endsWith(".jar")).containsExactly("app/sample-app-1.2.0.jar");
        for (JsonNode layer : layers) {
            assertThat(layer.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
        }
        assertThat(config.get("rootfs").get("diff_ids")).hasSize(3);
    }

    @Test
    void buildOnlyJarsAreRecognisedByArtifactId() {
        assertThat(ContainerImage.artifactId("guava-32.1.2-jre.jar")).isEqualTo("guava");
        assertThat(ContainerImage.artifactId("netty-codec-http-4.1.115.Final.jar")).isEqualTo("netty-codec-http");
        assertThat(ContainerImage.artifactId("fnkit-self-hosted.jar")).isEqualTo("fnkit-self-hosted");
        assertThat(ContainerImage.buildOnly("jib-core-0.28.1.jar")).isTrue();
        assertThat(ContainerImage.buildOnly("jackson-databind-2.18.2.jar")).isFalse();
    }

    private static List<String> entries(JsonNode layer) throws IOException {
        byte[] gz = blob(layer.get("digest").asText());
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new ArrayList<>(Tar.read(in.readAllBytes()).keySet());
        }
    }

    private static byte[] blob(String digest) {
        byte[] blob = tar.get("blobs/sha256/" + digest.substring("sha256:".length()));
        assertThat(blob).as("blob " + digest).isNotNull();
        return blob;
    }

    /** A minimal ustar/GNU/PAX reader: regular files and directories by name. */
    static final class Tar {
        static Map<String, byte[]> read(byte[] tar) {
            Map<String, byte[]> files = new java.util.LinkedHashMap<>();
            int at = 0;
            String longName = null;
            while (at + 512 <= tar.length && tar[at] != 0) {
                String name = string(tar, at, 100);
                String prefix = string(tar, at + 345, 155);
                long size = Long.parseLong(string(tar, at + 124, 12).trim().isEmpty() ? "0"
                        : string(tar, at + 124, 12).trim(), 8);
                char type = (char) tar[at + 156];
                byte[] data = java.util.Arrays.copyOfRange(tar, at + 512, at + 512 + (int) size);
                at += 512 + (int) ((size + 511) / 512 * 512);
                if (type == 'L') {
                    longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                if (type == 'x') {
                    for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
                        int space = line.indexOf(' ');
                        if (space > 0 && line.substring(space + 1).startsWith("path=")) {
                            longName = line.substring(space + 1 + "path=".length());
                        }
                    }
                    continue;
                }
                String full = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
                longName = null;
                if (full.startsWith("./")) {
                    full = full.substring(2);
                }
                if (full.startsWith("/")) {
                    full = full.substring(1);
                }
                if (type == '0' || type == 0) {
                    files.put(full, data);
                }
            }
            return files;
        }

        private static String string(byte[] tar, int offset, int length) {
            int end = offset;
            while (end < offset + length && tar[end] != 0) {
                end++;
            }
            return new String(tar, offset, end - offset, StandardCharsets.UTF_8);
        }
    }

}
