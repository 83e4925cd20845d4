package dev.fnkit.it.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OCI image that the fnkit-maven-plugin built for {@code samples/hello} ({@code target/fnkit/image.tar}, on a
 * {@code scratch} base) unpacked with umoci and run by runc as a real container: the host's JRE and libraries are
 * bind-mounted read-only (standing in for a JRE base image), the host's network namespace is shared so that the
 * container listens on loopback, and memory and pid limits apply. Skipped, with the reason, where runc or umoci is
 * missing or the user is not root.
 */
class RuncContainerTest {
    private static final long MEMORY_LIMIT = 512L * 1024 * 1024;
    private static final int PIDS_LIMIT = 256;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void runsSamplesHelloAsAContainerWithLimitsAndStopsOnSigterm() throws Exception {
        Optional<Path> runc = executable("runc");
        Optional<Path> umoci = executable("umoci");
        Assumptions.assumeTrue(runc.isPresent() && umoci.isPresent(), "runc and umoci are not installed (Debian:"
                + " apt-get install runc umoci): the image is not run as a container");
        Assumptions.assumeTrue(isRoot(), "not running as root: this test runs runc with root-owned cgroups");
        Path image = samples().resolve("hello/target/fnkit/image.tar");
        assertThat(image).as("build samples/hello first (./mvnw install -pl samples/hello -am)").isRegularFile();

        Path layout = Files.createDirectories(work.resolve("layout"));
        run(List.of("tar", "-xf", image.toString(), "-C", layout.toString()));
        JsonNode index = Json.tree(Files.readAllBytes(layout.resolve("index.json")));
        String ref = index.path("manifests").path(0).path("annotations").path("org.opencontainers.image.ref.name")
                .asText();
        assertThat(ref).isEqualTo("hello:0.1.0-SNAPSHOT");
        Path bundle = work.resolve("bundle");
        run(List.of(umoci.get().toString(), "unpack", "--image", layout + ":" + ref, bundle.toString()));
        assertThat(bundle.resolve("rootfs/app/hello-0.1.0-SNAPSHOT.jar")).isRegularFile();

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        configure(bundle.resolve("config.json"), port);

        String id = "fnkit-it-" + UUID.randomUUID().toString().substring(0, 8);
        Process container = new ProcessBuilder(runc.get().toString(), "run", "--bundle", bundle.toString(), id)
                .redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(container.getInputStream(),
                    StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = output.readLine()) != null && !line.contains("listening on port")) {
                lines.add(line);
            }
            if (line == null) {
                String all = String.join("\n", lines);
                Assumptions.assumeFalse(all.contains("cgroup"), "runc cannot set up cgroups here: " + all);
                throw new AssertionError("the container stopped before serving:\n" + all);
            }
            assertThat(line).isEqualTo("fnkit container: hello listening on port " + port);

            assertThat(get(port, "/.fnkit/ready").statusCode()).isEqualTo(204);
            HttpResponse<String> hello = get(port, "/hello/runc");
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(Json.tree(hello.body().getBytes(StandardCharsets.UTF_8)).get("message").asText())
                    .isEqualTo("Hello, runc!");
            assertThat(hello.headers().firstValue("x-request-id")).isPresent();

            JsonNode stats = Json.tree(run(List.of(runc.get().toString(), "events", "--stats", id))
                    .getBytes(StandardCharsets.UTF_8)).path("data");
            assertThat(stats.path("memory").path("usage").path("limit").asLong()).isEqualTo(MEMORY_LIMIT);
            assertThat(stats.path("pids").path("limit").asLong()).isEqualTo(PIDS_LIMIT);

            run(List.of(runc.get().toString(), "kill", id, "TERM"));
            assertThat(container.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(container.exitValue()).as("a JVM ended by SIGTERM exits 143").isEqualTo(143);
        } finally {
            container.destroyForcibly();
            new ProcessBuilder(runc.get().toString(), "delete", "--force", id).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** No terminal, the host's JRE and libraries read-only, the host's network, limits, the port. */
    private static void configure(Path configFile, int port) throws IOException {
        ObjectNode config = (ObjectNode) Json.tree(Files.readAllBytes(configFile));
        ObjectNode process = (ObjectNode) config.get("process");
        process.put("terminal", false);
        Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
        ArrayNode env = Json.mapper().createArrayNode();
        for (JsonNode entry : process.path("env")) {
            if (!entry.asText().startsWith("PATH=")) {
                env.add(entry.asText());
            }
        }
        env.add("PATH=" + javaHome.resolve("bin") + ":/usr/bin:/bin");
        env.add("PORT=" + port);
        process.set("env", env);
        ArrayNode mounts = Json.mapper().createArrayNode();
        for (JsonNode mount : config.path("mounts")) {
            if (!mount.path("destination").asText().equals("/etc/resolv.conf")) {
                mounts.add(mount);
            }
        }
        List<String> binds = new ArrayList<>(List.of("/usr", "/lib", "/lib64", "/etc"));
        if (!javaHome.startsWith("/usr")) {
            binds.add(javaHome.toString());
        }
        for (String bind : binds) {
            if (Files.exists(Path.of(bind))) {
                ObjectNode mount = mounts.addObject().put("destination", bind).put("type", "bind").put("source", bind);
                mount.putArray("options").add("rbind").add("ro");
            }
        }
        config.set("mounts", mounts);
        ObjectNode linux = (ObjectNode) config.get("linux");
        ArrayNode namespaces = Json.mapper().createArrayNode();
        for (JsonNode namespace : linux.path("namespaces")) {
            if (!namespace.path("type").asText().equals("network")) {
                namespaces.add(namespace);
            }
        }
        linux.set("namespaces", namespaces);
        ObjectNode resources = linux.putObject("resources");
        resources.putObject("memory").put("limit", MEMORY_LIMIT);
        resources.putObject("pids").put("limit", PIDS_LIMIT);
        Files.write(configFile, Json.mapper().writeValueAsBytes(config));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a command to its end and returns its output; fails with the output when it does not exit 0. */
    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }

    private static Optional<Path> executable(String name) {
        List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "")
                .split(File.pathSeparator)));
        directories.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin"));
        for (String directory : directories) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("Uid:")) {
                return line.split("\\s+")[1].equals("0");
            }
        }
        return false;
    }

    private static Path samples() {
        String samples = System.getProperty("fnkit.samples.dir");
        return Path.of(samples == null ? "../samples" : samples);
    }
}
