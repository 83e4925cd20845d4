package dev.fnkit.it.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unchanged Lambda handlers of {@code samples/migration-from-lambda}, packaged for Google Cloud Functions and run
 * by the real Functions Framework invoker: the HTTP API handler behind {@code FnkitHttpFunction}, the SQS consumer
 * behind {@code FnkitCloudEventsFunction} fed Pub/Sub CloudEvents.
 */
class MigrationFromLambdaInvokerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path work;

    private static InvokerProcess api;
    private static InvokerProcess events;

    @BeforeAll
    static void startInvokers() throws Exception {
        String samples = System.getProperty("fnkit.samples.dir");
        Path deployable = Path.of(samples == null ? "samples" : samples, "migration-from-lambda", "target", "fnkit",
                "gcp");
        if (!Files.isDirectory(deployable)) {
            throw new AssertionError("No packaged sample at " + deployable.toAbsolutePath() + ": build it first with"
                    + " ./mvnw install -pl samples/migration-from-lambda -am");
        }
        Map<String, String> env = Map.of("GOOGLE_CLOUD_PROJECT", "test-project");
        api = InvokerProcess.start(deployable, "orders-api", "dev.fnkit.gcp.FnkitHttpFunction", "http", env, work);
        events = InvokerProcess.start(deployable, "order-events", "dev.fnkit.gcp.FnkitCloudEventsFunction",
                "cloudevent", env, work);
        api.awaitReady(Duration.ofSeconds(90));
        events.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopInvokers() throws InterruptedException {
        for (InvokerProcess invoker : new InvokerProcess[] {api, events}) {
            if (invoker != null) {
                invoker.close();
            }
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void theHttpApiHandlerCreatesAndReadsOrders() throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(api.uri("/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"gcp-1\",\"item\":\"tea\",\"quantity\":2}")));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("location")).hasValue("/orders/gcp-1");

        HttpResponse<String> read = send(HttpRequest.newBuilder(api.uri("/orders/gcp-1")).GET());
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode order = JSON.readTree(read.body());
        assertThat(order.get("item").asText()).isEqualTo("tea");
        assertThat(order.get("status").asText()).isEqualTo("NEW");

        HttpResponse<String> invalid = send(HttpRequest.newBuilder(api.uri("/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"tea\",\"quantity\":500}")));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(invalid.body()).get("message").asText()).contains("quantity must be 1 to 100");

        assertThat(send(HttpRequest.newBuilder(api.uri("/orders/none")).GET()).statusCode()).isEqualTo(404);
        assertThat(api.stdoutLines()).anySatisfy(line -> assertThat(line).contains("orders-api POST /orders"));
    }

    @Test
    void theSqsConsumerTakesPubSubMessagesAndFailsOnlyTheBadOne() throws Exception {
        HttpResponse<String> good = send(pubSub("msg-good", "{\"id\":\"gcp-q1\",\"item\":\"jam\",\"quantity\":1}"));
        assertThat(good.statusCode()).isBetween(200, 299);
        HttpResponse<String> bad = send(pubSub("msg-bad", "{\"id\":\"gcp-q2\",\"item\":\"jam\",\"quantity\":0}"));
        assertThat(bad.statusCode()).as("a failed message is answered with an error so Pub/Sub redelivers it")
                .isGreaterThanOrEqualTo(500);
        assertThat(events.stdoutLines()).anySatisfy(line -> assertThat(line).contains("fulfilled order gcp-q1"))
                .anySatisfy(line -> assertThat(line).contains("message msg-bad failed"));
    }

    private static HttpRequest.Builder pubSub(String id, String payload) {
        String data = "{\"message\":{\"data\":\"" + Base64.getEncoder().encodeToString(
                payload.getBytes(StandardCharsets.UTF_8)) + "\",\"messageId\":\"" + id + "\","
                + "\"publishTime\":\"2024-05-06T07:08:09.123Z\"},"
                + "\"subscription\":\"projects/test-project/subscriptions/order-events\"}";
        return HttpRequest.newBuilder(events.uri("/"))
                .header("ce-specversion", "1.0").header("ce-id", id)
                .header("ce-source", "//pubsub.googleapis.com/projects/test-project/topics/order-events")
                .header("ce-type", "google.cloud.pubsub.topic.v1.messagePublished")
                .header("ce-time", "2024-05-06T07:08:09.123Z").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(data));
    }
}
