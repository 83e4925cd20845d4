package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import dev.fnkit.selfhosted.async.AsyncSettings;
import dev.fnkit.selfhosted.triggers.TriggerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code samples/triggers} served entirely self-hosted, each function fed through its real trigger: a queue, a topic,
 * a stream, a change connector, a watched bucket directory and the cron schedule; what the functions received is
 * read from the sample's recorder files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TriggersSampleTest {
    private static final String TOKEN = "triggers-test-token";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path work;
    private static Path bundle;
    private static Path records;
    private static Path buckets;
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T01:59:58Z"));
    private static Gateway gateway;
    private static URI url;

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void start() throws IOException {
        Path classes = TestApps.sample("triggers", work.resolve("apps"));
        bundle = TestApps.bundle(classes, work.resolve("staging"));
        records = TestApps.sharedWithInstances(work.resolve("records"), "orders.jsonl", "audit.jsonl",
                "clicks.jsonl", "inventory.jsonl", "nightly.jsonl", "uploads.jsonl");
        buckets = work.resolve("buckets");
        startGateway();
        gateway.deploy(bundle);
    }

    private static void startGateway() {
        gateway = Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken(TOKEN)
                .instanceEnvironment(Map.of("FNKIT_RECORD_DIR", records.toString()))
                .async(AsyncSettings.DEFAULTS.with(Map.of("maxAttempts", "2", "initialDelay", "20ms",
                        "maxDelay", "50ms", "pollInterval", "20ms")))
                .triggers(TriggerSettings.DEFAULTS.withBucketsDir(buckets).withScanInterval(Duration.ofMillis(50))
                        .withClock(CLOCK))
                .start();
        url = gateway.url();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        Children.assertNoneLeft();
    }

    private static List<JsonNode> received(String function) {
        Path file = records.resolve(function + ".jsonl");
        List<JsonNode> lines = new ArrayList<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(Json.tree(line.getBytes(StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static HttpResponse<String> publish(String path, String contentType, String body, String... headers) {
        return Http.post(url, path, contentType, body, headers);
    }

    private static void accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Test
    @Order(1)
    void queueMessagesAreConsumedInBatchesAndAFailedItemIsRetriedThenDeadLettered() {
        accepted(publish("/queue/orders-queue", "application/json", "{\"id\":\"o-1\",\"item\":\"tea\",\"fail\":false}"));
        accepted(publish("/queue/orders-queue", "application/json", "{\"id\":\"o-2\",\"item\":\"cake\",\"fail\":true}"));
        accepted(publish("/queue/orders-queue", "application/json", "{\"id\":\"o-3\",\"item\":\"jam\",\"fail\":false}"));
        Children.await("the failing order is dead-lettered", WAIT, () -> AsyncGatewayTest.deadLetters(url, TOKEN)
                .stream().anyMatch(d -> d.path("function").asText().equals("orders")));
        Children.await("both good orders are processed", WAIT, () -> received("orders").size() == 2);
        assertThat(received("orders")).extracting(e -> e.path("data").path("id").asText())
                .containsExactlyInAnyOrder("o-1", "o-3");
        JsonNode dead = AsyncGatewayTest.deadLetters(url, TOKEN).stream()
                .filter(d -> d.path("function").asText().equals("orders")).findFirst().orElseThrow();
        assertThat(dead.path("kind").asText()).isEqualTo("queue");
        assertThat(dead.path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void topicMessagesReachTheSubscriber() {
        accepted(publish("/topic/audit-events", "application/json", "{\"action\":\"login\",\"user\":\"ada\"}"));
        Children.await("the audit function receives the message", WAIT, () -> received("audit").size() == 1);
        JsonNode event = received("audit").get(0);
        assertThat(event.path("type").asText()).isEqualTo("dev.fnkit.topic.message");
        assertThat(event.path("data").path("topic").asText()).isEqualTo("audit-events");
        assertThat(Json.tree(java.util.Base64.getDecoder().decode(event.path("data").path("body").asText()))
                .path("user").asText()).isEqualTo("ada");
    }

    @Test
    @Order(3)
    void streamRecordsOfOnePartitionArriveInOrder() {
        for (int i = 0; i < 12; i++) {
            accepted(publish("/stream/clicks-stream", "application/json", "{\"n\":" + i + "}",
                    "X-Partition-Key", i % 2 == 0 ? "even" : "odd"));
        }
        Children.await("every click is received", WAIT, () -> received("clicks").size() == 12);
        List<Integer> even = new ArrayList<>();
        List<Integer> odd = new ArrayList<>();
        for (JsonNode click : received("clicks")) {
            int n = Json.tree(java.util.Base64.getDecoder().decode(click.path("data").path("data").asText()))
                    .path("n").asInt();
            (n % 2 == 0 ? even : odd).add(n);
            assertThat(click.path("data").path("partitionKey").asText()).isEqualTo(n % 2 == 0 ? "even" : "odd");
            assertThat(click.path("data").path("stream").asText()).isEqualTo("clicks-stream");
        }
        assertThat(even).containsExactly(0, 2, 4, 6, 8, 10);
        assertThat(odd).containsExactly(1, 3, 5, 7, 9, 11);
        AsyncGatewayTest.assertProblem(publish("/stream/clicks-stream", "application/json", "{}"), 400,
                "missing-partition-key");
    }

    @Test
    @Order(4)
    void changeRecordsFromAConnectorReachTheChangeFunction() {
        accepted(publish("/changes/inventory-table", "application/json", """
                [{"type": "INSERT", "keys": {"sku": "A1"}, "newImage": {"sku": "A1", "stock": 5}},
                 {"type": "REMOVE", "keys": {"sku": "B2"}, "oldImage": {"sku": "B2", "stock": 0}}]
                """));
        Children.await("both change records are received", WAIT, () -> received("inventory").size() == 2);
        assertThat(received("inventory")).extracting(e -> e.path("data").path("type").asText())
                .containsExactlyInAnyOrder("INSERT", "REMOVE");
        assertThat(received("inventory")).allSatisfy(e ->
                assertThat(e.path("data").path("source").asText()).isEqualTo("inventory-table"));
        AsyncGatewayTest.assertProblem(publish("/changes/inventory-table", "application/json", "{\"keys\": {}"),
                400, "malformed-json");
        AsyncGatewayTest.assertProblem(publish("/changes/inventory-table", "application/json", "{\"keys\": {}}"),
                400, "malformed-json");
        AsyncGatewayTest.assertProblem(publish("/queue/orders-queue", "application/json", "{oops"), 400,
                "malformed-json");
    }

    @Test
    @Order(5)
    void filesWrittenIntoTheBucketDirectoryAreStorageEvents() throws IOException {
        Files.createDirectories(buckets.resolve("uploads/photos"));
        Files.writeString(buckets.resolve("uploads/photos/cat.txt"), "meow");
        Children.await("the upload is received", WAIT, () -> received("uploads").size() == 1);
        JsonNode event = received("uploads").get(0);
        assertThat(event.path("subject").asText()).isEqualTo("photos/cat.txt");
        assertThat(event.path("data").path("bucket").asText()).isEqualTo("uploads");
        assertThat(event.path("data").path("key").asText()).isEqualTo("photos/cat.txt");
        assertThat(event.path("data").path("change").asText()).isEqualTo("CREATED");
        assertThat(event.path("data").path("size").asLong()).isEqualTo(4);
        Files.delete(buckets.resolve("uploads/photos/cat.txt"));
        Files.writeString(buckets.resolve("uploads/dog.txt"), "woof");
        Children.await("the next upload is received", WAIT, () -> received("uploads").size() == 2);
        assertThat(received("uploads").get(1).path("data").path("key").asText()).isEqualTo("dog.txt");
    }

    @Test
    @Order(6)
    void theScheduleFiresOncePerTickAndNotAgainAfterARestart() throws IOException {
        Files.writeString(buckets.resolve("uploads/before-tick.txt"), "x");
        Children.await("the triggers have been checked at 01:59:58", WAIT,
                () -> received("uploads").stream().anyMatch(e -> e.path("subject").asText().equals("before-tick.txt")));
        assertThat(received("nightly")).isEmpty();
        CLOCK.set(Instant.parse("2026-03-01T02:00:01Z"));
        Children.await("the 02:00 tick fires", WAIT, () -> received("nightly").size() == 1);
        JsonNode tick = received("nightly").get(0);
        assertThat(tick.path("type").asText()).isEqualTo("dev.fnkit.schedule.tick");
        assertThat(tick.path("data").path("scheduledTime").asText()).startsWith("2026-03-01T02:00");
        assertThat(tick.path("data").path("pastDue").asBoolean()).isFalse();

        gateway.close();
        startGateway();
        Files.writeString(buckets.resolve("uploads/after-restart.txt"), "x");
        Children.await("the restarted triggers have been checked", WAIT,
                () -> received("uploads").stream().anyMatch(e -> e.path("subject").asText().equals("after-restart.txt")));
        assertThat(received("nightly")).hasSize(1);

        CLOCK.set(Instant.parse("2026-03-03T02:30:00Z"));
        Children.await("the latest missed tick fires once, past due", WAIT, () -> received("nightly").size() == 2);
        JsonNode missed = received("nightly").get(1);
        assertThat(missed.path("data").path("scheduledTime").asText()).startsWith("2026-03-03T02:00");
        assertThat(missed.path("data").path("pastDue").asBoolean()).isTrue();
    }
}
