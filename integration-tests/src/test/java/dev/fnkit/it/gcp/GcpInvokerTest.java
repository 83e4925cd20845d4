package dev.fnkit.it.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code samples/triggers} under the real Functions Framework invoker, one child JVM per function as
 * Cloud Functions runs them, fed real HTTP requests, CloudEvents in binary and structured mode, and legacy
 * background-event payloads. Event functions record what they received in {@code FNKIT_RECORD_DIR}.
 */
class GcpInvokerTest {
    private static final String HTTP_ENTRY = "dev.fnkit.gcp.FnkitHttpFunction";
    private static final String EVENT_ENTRY = "dev.fnkit.gcp.FnkitCloudEventsFunction";
    private static final String TIME = "2024-05-06T07:08:09.123Z";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path work;

    private static Path records;
    private static final Map<String, InvokerProcess> INVOKERS = new LinkedHashMap<>();

    @BeforeAll
    static void startInvokers() throws Exception {
        String samples = System.getProperty("fnkit.samples.dir");
        Path deployable = Path.of(samples == null ? "samples" : samples, "triggers", "target", "fnkit", "gcp");
        if (!Files.isDirectory(deployable)) {
            throw new AssertionError("No packaged sample at " + deployable.toAbsolutePath() + ": build it first with"
                    + " ./mvnw install -pl samples/triggers -am (the fnkit-maven-plugin writes target/fnkit/gcp)");
        }
        records = Files.createDirectories(work.resolve("records"));
        java.util.regex.Matcher app = java.util.regex.Pattern.compile("FNKIT_APP=([\\w.$]+)")
                .matcher(Files.readString(deployable.resolve("deploy.sh")));
        if (!app.find()) {
            throw new AssertionError("deploy.sh sets no FNKIT_APP");
        }
        Map<String, String> env = Map.of("FNKIT_RECORD_DIR", records.toString(), "GOOGLE_CLOUD_PROJECT",
                "test-project", "FNKIT_APP", app.group(1));
        Map<String, String[]> functions = new LinkedHashMap<>();
        functions.put("echo", new String[] {HTTP_ENTRY, "http"});
        functions.put("greet", new String[] {HTTP_ENTRY, "http"});
        functions.put("audit", new String[] {EVENT_ENTRY, "cloudevent"});
        functions.put("orders", new String[] {EVENT_ENTRY, "cloudevent"});
        functions.put("uploads", new String[] {EVENT_ENTRY, "cloudevent"});
        functions.put("inventory", new String[] {EVENT_ENTRY, "cloudevent"});
        for (Map.Entry<String, String[]> f : functions.entrySet()) {
            INVOKERS.put(f.getKey(), InvokerProcess.start(deployable, f.getKey(), f.getValue()[0], f.getValue()[1],
                    env, work));
        }
        for (InvokerProcess invoker : INVOKERS.values()) {
            invoker.awaitReady(Duration.ofSeconds(90));
        }
    }

    @AfterAll
    static void stopInvokers() throws InterruptedException {
        for (InvokerProcess invoker : INVOKERS.values()) {
            invoker.close();
        }
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest.Builder post(String function, String path, byte[] body) {
        return HttpRequest.newBuilder(INVOKERS.get(function).uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(utf8(text));
    }

    /** What an event function recorded for the event with this id. */
    private static JsonNode recorded(String function, String id) throws IOException {
        Path file = records.resolve(function + ".jsonl");
        List<JsonNode> entries = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                JsonNode entry = JSON.readTree(line);
                if (entry.path("id").asText().equals(id)) {
                    entries.add(entry);
                }
            }
        }
        assertThat(entries).as("records of %s for event %s", function, id).hasSize(1);
        return entries.get(0);
    }

    private static HttpRequest.Builder binaryCloudEvent(String function, String id, String source, String type,
                                                        String subject, String contentType, byte[] data) {
        HttpRequest.Builder request = post(function, "/", data)
                .header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", source)
                .header("ce-type", type).header("ce-time", TIME).header("Content-Type", contentType);
        return subject == null ? request : request.header("ce-subject", subject);
    }

    private static String pubSubData(String id, String payload) {
        return "{\"message\":{\"data\":\"" + base64(payload) + "\",\"attributes\":{\"origin\":\"test\"},"
                + "\"messageId\":\"" + id + "\",\"publishTime\":\"" + TIME + "\"},"
                + "\"subscription\":\"projects/test-project/subscriptions/sub\"}";
    }

    @Test
    void echoReceivesTheRequestAsSent() throws Exception {
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        HttpResponse<byte[]> response = send(post("echo", "/echo/a%20b/c?tag=1&tag=2&q=x%20y+z&flag", body)
                .header("X-Repeated", "one").header("X-Repeated", "two")
                .header("Cookie", "session=abc; theme=dark")
                .header("Content-Type", "application/octet-stream")
                .header("Function-Execution-Id", "exec-echo-1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        JsonNode echo = json(response);
        assertThat(echo.path("method").asText()).isEqualTo("POST");
        assertThat(echo.path("path").asText()).isEqualTo("/echo/a%20b/c");
        assertThat(echo.path("pathParameters").path("path").asText()).isEqualTo("a b/c");
        assertThat(echo.path("query").toString())
                .isEqualTo("{\"tag\":[\"1\",\"2\"],\"q\":[\"x y z\"],\"flag\":[\"\"]}");
        assertThat(echo.path("headers").path("x-repeated").toString()).isEqualTo("[\"one\",\"two\"]");
        assertThat(echo.path("cookies").toString()).isEqualTo("{\"session\":\"abc\",\"theme\":\"dark\"}");
        assertThat(Base64.getDecoder().decode(echo.path("bodyBase64").asText())).isEqualTo(body);
        assertThat(echo.path("requestId").asText()).isEqualTo("exec-echo-1");
        assertThat(echo.path("provider").asText()).isEqualTo("GOOGLE_CLOUD_FUNCTIONS");
    }

    @Test
    void greetTakesAndGivesJson() throws Exception {
        HttpResponse<byte[]> ok = send(post("greet", "/", utf8("{\"name\":\"Ada\"}"))
                .header("Content-Type", "application/json"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo("{\"greeting\":\"Hello, Ada!\"}");

        HttpResponse<byte[]> missing = send(post("greet", "/", utf8("{\"name\":\"\"}"))
                .header("Content-Type", "application/json"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(json(missing).path("code").asText()).isEqualTo("name-missing");

        HttpResponse<byte[]> get = send(HttpRequest.newBuilder(INVOKERS.get("greet").uri("/")).GET());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("allow")).contains("POST");

        HttpResponse<byte[]> text = send(post("greet", "/", utf8("Ada")).header("Content-Type",
                "text/plain"));
        assertThat(text.statusCode()).isEqualTo(415);
    }

    @Test
    void auditReceivesPubSubMessagesInBinaryStructuredAndLegacyForm() throws Exception {
        String source = "//pubsub.googleapis.com/projects/test-project/topics/audit-events";
        HttpResponse<byte[]> binary = send(binaryCloudEvent("audit", "ps-binary", source,
                "google.cloud.pubsub.topic.v1.messagePublished", null, "application/json",
                utf8(pubSubData("ps-binary", "binary mode"))));
        assertThat(binary.statusCode()).isBetween(200, 299);

        String envelope = "{\"specversion\":\"1.0\",\"id\":\"ps-structured\",\"source\":\"" + source + "\","
                + "\"type\":\"google.cloud.pubsub.topic.v1.messagePublished\",\"time\":\"" + TIME + "\","
                + "\"datacontenttype\":\"application/json\",\"data\":" + pubSubData("ps-structured", "structured")
                + "}";
        HttpResponse<byte[]> structured = send(post("audit", "/", utf8(envelope))
                .header("Content-Type", "application/cloudevents+json"));
        assertThat(structured.statusCode()).isBetween(200, 299);

        String legacy = "{\"context\":{\"eventId\":\"ps-legacy\",\"timestamp\":\"" + TIME + "\","
                + "\"eventType\":\"google.pubsub.topic.publish\",\"resource\":{\"service\":\"pubsub.googleapis.com\","
                + "\"name\":\"projects/test-project/topics/audit-events\","
                + "\"type\":\"type.googleapis.com/google.pubsub.v1.PubsubMessage\"}},"
                + "\"data\":{\"@type\":\"type.googleapis.com/google.pubsub.v1.PubsubMessage\","
                + "\"data\":\"" + base64("legacy payload") + "\",\"attributes\":{\"origin\":\"legacy\"}}}";
        HttpResponse<byte[]> old = send(post("audit", "/", utf8(legacy))
                .header("Content-Type", "application/json"));
        assertThat(old.statusCode()).isBetween(200, 299);

        JsonNode one = recorded("audit", "ps-binary");
        assertThat(one.path("type").asText()).isEqualTo("google.cloud.pubsub.topic.v1.messagePublished");
        assertThat(one.path("source").asText()).isEqualTo(source);
        assertThat(new String(Base64.getDecoder().decode(one.path("data").path("body").asText()),
                StandardCharsets.UTF_8)).isEqualTo("binary mode");
        assertThat(one.path("data").path("topic").asText()).isEqualTo("audit-events");
        assertThat(one.path("data").path("attributes").toString()).isEqualTo("{\"origin\":\"test\"}");
        assertThat(one.path("data").path("publishedAt").asText()).isEqualTo(TIME);
        assertThat(one.path("data").path("subscription").asText()).isEqualTo("projects/test-project/subscriptions/sub");

        JsonNode two = recorded("audit", "ps-structured");
        assertThat(new String(Base64.getDecoder().decode(two.path("data").path("body").asText()),
                StandardCharsets.UTF_8)).isEqualTo("structured");

        JsonNode three = recorded("audit", "ps-legacy");
        assertThat(three.path("type").asText()).isEqualTo("google.cloud.pubsub.topic.v1.messagePublished");
        assertThat(three.path("source").asText()).isEqualTo(source);
        assertThat(three.path("data").path("topic").asText()).isEqualTo("audit-events");
        assertThat(new String(Base64.getDecoder().decode(three.path("data").path("body").asText()),
                StandardCharsets.UTF_8)).isEqualTo("legacy payload");
        assertThat(three.path("data").path("attributes").toString()).isEqualTo("{\"origin\":\"legacy\"}");
    }

    @Test
    void ordersAnswers500ForAFailingItemSoPubSubRedeliversAndLogsItOnce() throws Exception {
        String source = "//pubsub.googleapis.com/projects/test-project/topics/orders-queue";
        HttpResponse<byte[]> good = send(binaryCloudEvent("orders", "order-good", source,
                "google.cloud.pubsub.topic.v1.messagePublished", null, "application/json",
                utf8(pubSubData("order-good", "{\"id\":\"o-1\",\"item\":\"book\"}"))));
        assertThat(good.statusCode()).isBetween(200, 299);
        assertThat(recorded("orders", "order-good").path("data").toString())
                .isEqualTo("{\"id\":\"o-1\",\"item\":\"book\",\"fail\":false}");

        HttpResponse<byte[]> bad = send(binaryCloudEvent("orders", "order-bad", source,
                "google.cloud.pubsub.topic.v1.messagePublished", null, "application/json",
                utf8(pubSubData("order-bad", "{\"id\":\"o-2\",\"item\":\"lamp\",\"fail\":true}"))));
        assertThat(bad.statusCode()).isEqualTo(500);

        List<JsonNode> errors = new ArrayList<>();
        for (String line : INVOKERS.get("orders").stdoutLines()) {
            if (line.startsWith("{")) {
                JsonNode entry = JSON.readTree(line);
                if ("order-bad".equals(entry.path("eventId").asText())) {
                    errors.add(entry);
                }
            }
        }
        assertThat(errors).singleElement().satisfies(entry -> {
            assertThat(entry.path("severity").asText()).isEqualTo("ERROR");
            assertThat(entry.path("function").asText()).isEqualTo("orders");
            assertThat(entry.path("stack_trace").asText()).contains("order o-2 cannot be processed");
        });
    }

    @Test
    void uploadsReceivesStorageEventsAsCloudEventsAndLegacyPayloads() throws Exception {
        String object = "{\"kind\":\"storage#object\",\"bucket\":\"uploads\",\"name\":\"photos/cat.png\","
                + "\"size\":\"1024\",\"contentType\":\"image/png\",\"etag\":\"CAE=\",\"generation\":\"17\","
                + "\"timeCreated\":\"2024-05-06T07:00:00Z\",\"updated\":\"2024-05-06T07:05:00Z\"}";
        HttpResponse<byte[]> binary = send(binaryCloudEvent("uploads", "gcs-1",
                "//storage.googleapis.com/projects/_/buckets/uploads", "google.cloud.storage.object.v1.finalized",
                "objects/photos/cat.png", "application/json", utf8(object)));
        assertThat(binary.statusCode()).isBetween(200, 299);
        JsonNode cat = recorded("uploads", "gcs-1");
        assertThat(cat.path("subject").asText()).isEqualTo("objects/photos/cat.png");
        assertThat(cat.path("data").toString()).isEqualTo("{\"bucket\":\"uploads\",\"key\":\"photos/cat.png\","
                + "\"change\":\"CREATED\",\"size\":1024,\"contentType\":\"image/png\",\"etag\":\"CAE=\","
                + "\"version\":\"17\",\"time\":\"2024-05-06T07:05:00Z\"}");

        String legacy = "{\"context\":{\"eventId\":\"gcs-legacy\",\"timestamp\":\"" + TIME + "\","
                + "\"eventType\":\"google.storage.object.finalize\",\"resource\":{\"service\":\"storage.googleapis.com\","
                + "\"name\":\"projects/_/buckets/uploads/objects/photos/dog.png\",\"type\":\"storage#object\"}},"
                + "\"data\":{\"kind\":\"storage#object\",\"bucket\":\"uploads\",\"name\":\"photos/dog.png\","
                + "\"size\":\"2048\",\"contentType\":\"image/jpeg\",\"generation\":\"5\","
                + "\"timeCreated\":\"2024-05-06T06:00:00Z\",\"updated\":\"2024-05-06T06:00:00Z\"}}";
        HttpResponse<byte[]> old = send(post("uploads", "/", utf8(legacy))
                .header("Content-Type", "application/json"));
        assertThat(old.statusCode()).isBetween(200, 299);
        JsonNode dog = recorded("uploads", "gcs-legacy");
        assertThat(dog.path("type").asText()).isEqualTo("google.cloud.storage.object.v1.finalized");
        assertThat(dog.path("source").asText()).isEqualTo("//storage.googleapis.com/projects/_/buckets/uploads");
        assertThat(dog.path("subject").asText()).isEqualTo("objects/photos/dog.png");
        assertThat(dog.path("data").path("key").asText()).isEqualTo("photos/dog.png");
        assertThat(dog.path("data").path("size").asLong()).isEqualTo(2048);
        assertThat(dog.path("data").path("change").asText()).isEqualTo("CREATED");
    }

    @Test
    void inventoryReceivesFirestoreChangesAsProtobufAndJson() throws Exception {
        String name = "projects/test-project/databases/(default)/documents/inventory-table/sku-1";
        byte[] proto = new Protobuf()
                .message(1, Protobuf.document(name, 1_700_000_000L, "name", Protobuf.stringValue("Widget"),
                        "count", Protobuf.integerValue(7), "price", Protobuf.doubleValue(9.5),
                        "active", Protobuf.booleanValue(true)))
                .message(2, Protobuf.document(name, 1_600_000_000L, "count", Protobuf.integerValue(6)))
                .bytes();
        String source = "//firestore.googleapis.com/projects/test-project/databases/(default)";
        HttpResponse<byte[]> protobuf = send(binaryCloudEvent("inventory", "fs-proto", source,
                "google.cloud.firestore.document.v1.written", "documents/inventory-table/sku-1",
                "application/protobuf", proto));
        assertThat(protobuf.statusCode()).isBetween(200, 299);
        JsonNode modified = recorded("inventory", "fs-proto").path("data");
        assertThat(modified.path("type").asText()).isEqualTo("MODIFY");
        assertThat(modified.path("source").asText()).isEqualTo("inventory-table");
        assertThat(modified.path("keys").toString()).isEqualTo("{\"name\":\"" + name + "\",\"id\":\"sku-1\"}");
        assertThat(modified.path("newImage").toString())
                .isEqualTo("{\"active\":true,\"count\":7,\"name\":\"Widget\",\"price\":9.5}");
        assertThat(modified.path("oldImage").toString()).isEqualTo("{\"count\":6}");

        String json = "{\"value\":{\"name\":\"" + name.replace("sku-1", "sku-2") + "\",\"fields\":{"
                + "\"name\":{\"stringValue\":\"Gadget\"},\"tags\":{\"arrayValue\":{\"values\":["
                + "{\"stringValue\":\"new\"}]}}},\"updateTime\":\"" + TIME + "\"}}";
        HttpResponse<byte[]> asJson = send(binaryCloudEvent("inventory", "fs-json", source,
                "google.cloud.firestore.document.v1.written", "documents/inventory-table/sku-2", "application/json",
                utf8(json)));
        assertThat(asJson.statusCode()).isBetween(200, 299);
        JsonNode inserted = recorded("inventory", "fs-json").path("data");
        assertThat(inserted.path("type").asText()).isEqualTo("INSERT");
        assertThat(inserted.path("keys").path("id").asText()).isEqualTo("sku-2");
        assertThat(inserted.path("newImage").toString()).isEqualTo("{\"name\":\"Gadget\",\"tags\":[\"new\"]}");
        assertThat(inserted.path("oldImage").toString()).isEqualTo("{}");
    }
}
