package dev.fnkit.it.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnkit.selfhosted.Gateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-hosted bundle of {@code samples/migration-from-lambda} deployed into a real gateway, each function in its
 * own instance process: the unchanged Lambda handlers (through the AWS compatibility layer) and the portable rewrite
 * answer the same requests the same way.
 */
class MigrationFromLambdaGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    @TempDir
    static Path work;

    private static Gateway gateway;
    private static URI url;

    @BeforeAll
    static void deploy() throws IOException {
        String samples = System.getProperty("fnkit.samples.dir");
        Path bundle = Path.of(samples == null ? "samples" : samples, "migration-from-lambda", "target", "fnkit",
                "self-hosted", "migration-from-lambda.zip");
        if (!Files.isRegularFile(bundle)) {
            throw new AssertionError("No bundle at " + bundle.toAbsolutePath() + ": build it first with"
                    + " ./mvnw install -pl samples/migration-from-lambda -am");
        }
        PrintStream log = new PrintStream(LOG, true, StandardCharsets.UTF_8);
        gateway = Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken("migration-test-token")
                .workerClasspath(runtimeClasspath())
                .workerJvmOptions(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")).out(log).log(log).start();
        url = gateway.url();
        assertThat(gateway.deploy(bundle)).contains("orders-api", "order-events", "portable-orders-api",
                "portable-order-events");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** This JVM's class path without the samples: instances get the application only from the bundle. */
    private static String runtimeClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("samples")).collect(Collectors.joining(File.pathSeparator));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> postJson(String path, String json, String requestId) throws Exception {
        return send(HttpRequest.newBuilder(url.resolve(path)).header("content-type", "application/json")
                .header("x-request-id", requestId).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void bothVersionsCreateAndReadOrdersThroughTheGateway() throws Exception {
        for (String base : List.of("/orders", "/portable/orders")) {
            String id = "sh" + base.length();
            HttpResponse<String> created = postJson(base, "{\"id\":\"" + id + "\",\"item\":\"tea\",\"quantity\":2}",
                    "create-" + id);
            assertThat(created.statusCode()).as(base).isEqualTo(201);
            assertThat(created.headers().firstValue("location")).hasValue(base + "/" + id);
            JsonNode order = JSON.readTree(send(HttpRequest.newBuilder(url.resolve(base + "/" + id)).GET()).body());
            assertThat(order.get("status").asText()).isEqualTo("NEW");
            HttpResponse<String> invalid = postJson(base, "{\"item\":\"tea\",\"quantity\":500}", "bad-" + id);
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("quantity must be 1 to 100 but was 500");
            assertThat(send(HttpRequest.newBuilder(url.resolve(base + "/missing")).GET()).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void bothQueueConsumersReportOnlyTheBadMessage() throws Exception {
        for (String function : List.of("order-events", "portable-order-events")) {
            HttpResponse<String> batch = postJson("/function/" + function,
                    "[{\"id\":\"q1\",\"item\":\"jam\",\"quantity\":1},{\"id\":\"q2\",\"item\":\"jam\",\"quantity\":0}]",
                    "batch");
            assertThat(batch.statusCode()).as(function).isEqualTo(200);
            assertThat(batch.body()).as(function).isEqualTo("{\"failedItemIds\":[\"batch-1\"]}");
        }
        String log = LOG.toString(StandardCharsets.UTF_8);
        try (Stream<String> lines = log.lines()) {
            assertThat(lines.filter(l -> l.contains("fulfilled order q1") || l.contains("order fulfilled")))
                    .hasSizeGreaterThanOrEqualTo(1);
        }
    }
}
