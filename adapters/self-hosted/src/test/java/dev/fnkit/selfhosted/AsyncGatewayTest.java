package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.fnkit.core.Json;
import dev.fnkit.selfhosted.async.AsyncSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Asynchronous calls through a real gateway: delivery, callbacks, retries, dead letters, redrive, idempotency. */
class AsyncGatewayTest {
    private static final String TOKEN = "async-test-token";
    private static final Duration WAIT = Duration.ofSeconds(60);
    static final String FUNCTIONS = """
            package asyncfns;

            import dev.fnkit.api.FunctionApp;
            import dev.fnkit.api.Functions;
            import dev.fnkit.api.HttpResponse;
            import dev.fnkit.api.RetryPolicy;

            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;

            public final class AsyncFunctionsApp implements FunctionApp {
                private static final Map<String, Integer> ATTEMPTS = new ConcurrentHashMap<>();

                @Override
                public void register(Functions functions) {
                    Path dir = Path.of("%s");
                    functions.http("recorder", (request, context) -> {
                        String id = request.header("x-call-id").orElse("none");
                        int attempt = ATTEMPTS.merge(id, 1, Integer::sum);
                        if (attempt <= Integer.parseInt(request.queryParameter("fail").orElse("0"))) {
                            return HttpResponse.status(503).header("retry-after", "0").text("not yet");
                        }
                        if (Files.exists(dir.resolve("broken"))) {
                            return HttpResponse.status(500).text("broken");
                        }
                        Files.writeString(dir.resolve("calls.txt"), id + " " + attempt + " " + request.bodyText()
                                + "\\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        return HttpResponse.status(201).text("done " + request.bodyText());
                    }).route("POST", "/recorder");
                    functions.http("impatient", (request, context) -> HttpResponse.status(502).text("no"))
                            .route("POST", "/impatient").retry(RetryPolicy.none());
                    functions.typed("shout", String.class, (text, context) -> text.toUpperCase());
                }
            }
            """;

    @TempDir
    static Path work;
    private static Path records;
    private static Gateway gateway;
    private static URI url;
    private static HttpServer callbacks;
    private static final BlockingQueue<Map<String, String>> CALLBACKS = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws IOException {
        records = TestApps.sharedWithInstances(work.resolve("records"), "calls.txt");
        Path classes = TestApps.app(work.resolve("apps"), "asyncfns", "AsyncFunctionsApp",
                FUNCTIONS.formatted(records.toString().replace("\\", "\\\\")));
        gateway = Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken(TOKEN)
                .async(AsyncSettings.DEFAULTS.with(Map.of("maxAttempts", "3", "initialDelay", "20ms",
                        "maxDelay", "100ms", "pollInterval", "20ms")))
                .maxRequestBytes(64 * 1024).start();
        gateway.deploy(TestApps.bundle(classes, work.resolve("staging")));
        url = gateway.url();
        callbacks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callbacks.createContext("/", exchange -> {
            CALLBACKS.add(Map.of("call-id", exchange.getRequestHeaders().getFirst("X-Call-Id"),
                    "status", exchange.getRequestHeaders().getFirst("X-Function-Status"),
                    "duration", exchange.getRequestHeaders().getFirst("X-Duration-Seconds"),
                    "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        callbacks.start();
    }

    @AfterAll
    static void stop() {
        if (callbacks != null) {
            callbacks.stop(0);
        }
        if (gateway != null) {
            gateway.close();
        }
        Children.assertNoneLeft();
    }

    private static HttpResponse<String> submit(String path, String body, String... headers) {
        return Http.post(url, path, "text/plain", body, headers);
    }

    private static HttpResponse<String> admin(String method, String path) {
        return Http.send(HttpRequest.newBuilder(url.resolve(path)).header("authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static List<String> recorded(String callId) {
        try {
            Path file = records.resolve("calls.txt");
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return lines.stream().filter(line -> line.startsWith(callId + " ")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<JsonNode> deadLetters() {
        return deadLetters(url, TOKEN);
    }

    /** The dead letters of the gateway at {@code base}. */
    static List<JsonNode> deadLetters(URI base, String token) {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(base.resolve("/system/dead-letters"))
                .header("authorization", "Bearer " + token));
        List<JsonNode> list = new ArrayList<>();
        Json.tree(response.body().getBytes(StandardCharsets.UTF_8)).forEach(list::add);
        return list;
    }

    private static String accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return response.headers().firstValue("x-call-id").orElseThrow();
    }

    @Test
    void acceptedCallIsDeliveredAndItsResultPostedToTheCallback() throws Exception {
        String callId = accepted(submit("/async-function/recorder/recorder", "hello",
                "X-Callback-Url", "http://127.0.0.1:" + callbacks.getAddress().getPort() + "/done"));
        Map<String, String> callback = CALLBACKS.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(callback).isNotNull();
        assertThat(callback).containsEntry("call-id", callId).containsEntry("status", "201")
                .containsEntry("body", "done hello");
        assertThat(Double.parseDouble(callback.get("duration"))).isGreaterThan(0);
        assertThat(recorded(callId)).containsExactly(callId + " 1 hello");
    }

    @Test
    void retryableFailuresAreRetriedUntilTheCallSucceeds() {
        String callId = accepted(submit("/async-function/recorder/recorder?fail=2", "flaky"));
        Children.await("the third attempt succeeds", WAIT, () -> !recorded(callId).isEmpty());
        assertThat(recorded(callId)).containsExactly(callId + " 3 flaky");
        assertThat(Http.get(url, "/metrics").body()).contains("fnkit_async_retries_total{function_name=\"recorder\"}");
    }

    @Test
    void idempotencyKeyDeduplicatesSubmissions() {
        String first = accepted(submit("/async-function/recorder/recorder", "once", "Idempotency-Key", "order-7"));
        String second = accepted(submit("/async-function/recorder/recorder", "once", "Idempotency-Key", "order-7"));
        assertThat(second).isEqualTo(first);
        Children.await("the call is delivered", WAIT, () -> !recorded(first).isEmpty());
        String other = accepted(submit("/async-function/recorder/recorder", "other", "Idempotency-Key", "order-8"));
        Children.await("the other call is delivered", WAIT, () -> !recorded(other).isEmpty());
        assertThat(recorded(first)).hasSize(1);
    }

    @Test
    void failingCallsAreDeadLetteredAndCanBeRedriven() throws IOException {
        Path broken = Files.writeString(records.resolve("broken"), "");
        String callId;
        try {
            callId = accepted(submit("/async-function/recorder/recorder", "doomed"));
            Children.await("the call is dead-lettered", WAIT,
                    () -> deadLetters().stream().anyMatch(d -> d.path("callId").asText().equals(callId)));
        } finally {
            Files.delete(broken);
        }
        JsonNode dead = deadLetters().stream().filter(d -> d.path("callId").asText().equals(callId)).findFirst()
                .orElseThrow();
        assertThat(dead.path("function").asText()).isEqualTo("recorder");
        assertThat(dead.path("attempts").asInt()).isEqualTo(3);
        assertThat(dead.path("status").asInt()).isEqualTo(500);
        assertThat(recorded(callId)).isEmpty();
        assertThat(Http.get(url, "/metrics").body())
                .contains("fnkit_async_dead_letters_total{function_name=\"recorder\"}");

        assertThat(admin("POST", "/system/dead-letters/no-such-call/redrive").statusCode()).isEqualTo(404);
        HttpResponse<String> redrive = admin("POST", "/system/dead-letters/" + callId + "/redrive");
        assertThat(redrive.statusCode()).isEqualTo(200);
        assertThat(redrive.body()).contains("\"redriven\":1");
        Children.await("the redriven call is delivered", WAIT, () -> !recorded(callId).isEmpty());
        assertThat(deadLetters()).noneMatch(d -> d.path("callId").asText().equals(callId));
    }

    @Test
    void aDeclaredRetryPolicyReplacesTheRuntimes() {
        String callId = accepted(submit("/async-function/impatient", "once"));
        Children.await("the call is dead-lettered after its only attempt", WAIT,
                () -> deadLetters().stream().anyMatch(d -> d.path("callId").asText().equals(callId)));
        JsonNode dead = deadLetters().stream().filter(d -> d.path("callId").asText().equals(callId)).findFirst()
                .orElseThrow();
        assertThat(dead.path("attempts").asInt()).isEqualTo(1);
        assertThat(dead.path("status").asInt()).isEqualTo(502);
    }

    @Test
    void malformedSubmissionsGetProblems() {
        assertProblem(submit("/async-function/nothing", "x"), 404, "function-not-found");
        assertProblem(submit("/async-function/recorder", "x", "X-Callback-Url", "ftp://example/x"), 400,
                "invalid-callback-url");
        assertProblem(submit("/async-function/recorder", "x".repeat(65 * 1024)), 413, "body-too-large");
        assertProblem(Http.post(url, "/async-function/shout", "application/json", "{oops"), 400, "malformed-json");
        assertProblem(submit("/queue/nothing", "{}"), 404, "unknown-queue");
        assertProblem(submit("/topic/nothing", "{}"), 404, "unknown-topic");
        assertProblem(submit("/stream/nothing", "{}"), 404, "unknown-stream");
        assertProblem(submit("/changes/nothing", "{}"), 404, "unknown-change-source");
        assertProblem(Http.send(HttpRequest.newBuilder(url.resolve("/system/dead-letters")).GET()), 401,
                "unauthorized");
        assertProblem(admin("DELETE", "/system/dead-letters"), 405, null);
    }

    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        if (code != null) {
            assertThat(Json.tree(response.body().getBytes(StandardCharsets.UTF_8)).path("code").asText())
                    .isEqualTo(code);
        }
    }
}
