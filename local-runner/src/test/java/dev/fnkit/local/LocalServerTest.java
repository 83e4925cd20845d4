package dev.fnkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.Context;
import dev.fnkit.api.Event;
import dev.fnkit.api.Provider;
import dev.fnkit.core.Application;
import dev.fnkit.core.Json;
import dev.fnkit.core.LineLogger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LocalServerTest {
    private static final ByteArrayOutputStream FUNCTION_LOGS = new ByteArrayOutputStream();
    private static LocalServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = LocalServer.builder()
                .application("test", Application.of(new TestApp()))
                .port(0)
                .maxBodyBytes(1024)
                .out(new PrintStream(FUNCTION_LOGS, true, StandardCharsets.UTF_8))
                .start();
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        TestApp.clear();
    }

    private static HttpResponse<byte[]> send(String method, String path, String contentType, byte[] body,
                                             String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return send("GET", path, null, null, headers);
    }

    private static HttpResponse<byte[]> postJson(String path, String json, String... headers) throws Exception {
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode assertProblem(HttpResponse<byte[]> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        return problem;
    }

    @Test
    void malformedJsonIs400() throws Exception {
        JsonNode problem = assertProblem(postJson("/greet", "{\"name\":"), 400, "malformed-json");
        assertThat(problem.get("detail").asText()).contains("line 1");
    }

    @Test
    void nonJsonForATypedFunctionIs415() throws Exception {
        assertProblem(send("POST", "/greet", "text/plain", "Ada".getBytes(StandardCharsets.UTF_8)), 415,
                "unsupported-media-type");
    }

    @Test
    void bodyOverTheLimitIs413AndTheServerKeepsServing() throws Exception {
        String big = "{\"name\":\"" + "a".repeat(2000) + "\"}";
        JsonNode problem = assertProblem(postJson("/greet", big), 413, "body-too-large");
        assertThat(problem.get("detail").asText()).contains("1024");
        assertThat(json(postJson("/greet", "{\"name\":\"Ada\"}")).get("greeting").asText()).isEqualTo("Hello, Ada!");
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertProblem(get("/nothing/here"), 404, "not-found");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<byte[]> response = send("DELETE", "/only-get", null, null);
        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.headers().firstValue("allow")).hasValueSatisfying(allow -> assertThat(allow)
                .contains("GET"));
        assertProblem(get("/greet"), 405, "method-not-allowed");
    }

    @Test
    void functionExceptionKeepsItsStatusAndCode() throws Exception {
        JsonNode problem = assertProblem(get("/conflict"), 409, "stock-conflict");
        assertThat(problem.get("detail").asText()).isEqualTo("Only 2 left");
    }

    @Test
    void exceptionIs500WithoutStackTraceAndIsLoggedWithTheRequestId() throws Exception {
        HttpResponse<byte[]> response = get("/fail", "X-Request-Id", "fail-1");
        assertProblem(response, 500, "internal-error");
        assertThat(text(response)).doesNotContain("Exception", "at ", "secret detail");
        assertThat(FUNCTION_LOGS.toString(StandardCharsets.UTF_8))
                .contains("secret detail of the failure", "requestId=fail-1", "function=fail");
    }

    @Test
    void multiValuedHeadersAndQueryRoundTrip() throws Exception {
        JsonNode echo = json(get("/echo/a/b%20c?x=1&x=2&y=&z=a%2Bb+c", "X-Multi", "one", "X-Multi", "two"));
        assertThat(echo.get("method").asText()).isEqualTo("GET");
        assertThat(echo.get("path").asText()).isEqualTo("/echo/a/b%20c");
        assertThat(echo.get("pathParameters").get("path").asText()).isEqualTo("a/b c");
        assertThat(echo.get("query").get("x").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(echo.get("query").get("y").toString()).isEqualTo("[\"\"]");
        assertThat(echo.get("query").get("z").toString()).isEqualTo("[\"a+b c\"]");
        assertThat(echo.get("headers").get("x-multi").toString()).isEqualTo("[\"one\",\"two\"]");
        assertThat(echo.get("sourceIp").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void requestCookiesAreParsed() throws Exception {
        JsonNode echo = json(get("/echo", "Cookie", "a=1; b=\"two\""));
        assertThat(echo.get("cookies").get("a").asText()).isEqualTo("1");
        assertThat(echo.get("cookies").get("b").asText()).isEqualTo("two");
    }

    @Test
    void setCookieAndOtherRepeatedResponseHeadersStaySeparate() throws Exception {
        HttpResponse<byte[]> response = get("/cookies");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("a=1; Path=/", "b=2; HttpOnly");
        assertThat(response.headers().allValues("x-multi")).containsExactly("one", "two");
    }

    @Test
    void binaryBodyRoundTripsByteForByte() throws Exception {
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        HttpResponse<byte[]> response = send("POST", "/binary", "application/octet-stream", bytes);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(bytes);
        assertThat(response.headers().firstValue("content-length")).contains("512");
        assertThat(response.headers().firstValue("content-type")).contains("application/octet-stream");
    }

    @Test
    void headIsServedByGetRoutesWithoutBody() throws Exception {
        HttpResponse<byte[]> response = send("HEAD", "/only-get", null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-length")).contains("3");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void requestIdIsTakenFromTheHeaderOrGeneratedAndEchoed() throws Exception {
        HttpResponse<byte[]> given = get("/echo", "X-Request-Id", "req-42");
        assertThat(given.headers().firstValue("x-request-id")).contains("req-42");
        assertThat(TestApp.CONTEXTS.poll().requestId()).isEqualTo("req-42");

        HttpResponse<byte[]> generated = get("/echo");
        String id = generated.headers().firstValue("x-request-id").orElseThrow();
        assertThat(java.util.UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(TestApp.CONTEXTS.poll().requestId()).isEqualTo(id);

        assertThat(get("/nothing", "X-Request-Id", "lost-1").headers().firstValue("x-request-id"))
                .contains("lost-1");
    }

    @Test
    void contextCarriesTraceDeadlineProviderAndLogger() throws Exception {
        Instant before = Instant.now();
        get("/echo", "X-Request-Id", "ctx-1", "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "tracestate", "vendor=value");
        Instant after = Instant.now();
        Context context = TestApp.CONTEXTS.poll();
        assertThat(context.functionName()).isEqualTo("echo");
        assertThat(context.provider()).isEqualTo(Provider.LOCAL);
        assertThat(context.trace()).hasValueSatisfying(trace -> {
            assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(trace.parentId()).isEqualTo("00f067aa0ba902b7");
            assertThat(trace.sampled()).isTrue();
            assertThat(trace.traceState()).isEqualTo("vendor=value");
        });
        assertThat(context.deadline()).isBetween(before.plus(Duration.ofSeconds(7)), after.plus(Duration.ofSeconds(7)));
        assertThat(context.logger()).isInstanceOf(LineLogger.class);
        assertThat(((LineLogger) context.logger()).fields()).containsExactly(
                java.util.Map.entry("requestId", "ctx-1"), java.util.Map.entry("function", "echo"));
        get("/echo", "traceparent", "not-a-trace");
        assertThat(TestApp.CONTEXTS.poll().trace()).isEmpty();
    }

    @Test
    void typedFunctionTakesAndReturnsJson() throws Exception {
        HttpResponse<byte[]> response = postJson("/greet", "{\"name\":\"Ada\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(json(response).get("greeting").asText()).isEqualTo("Hello, Ada!");
        assertProblem(postJson("/greet", "{}"), 400, "name-missing");
    }

    @Test
    void eventFunctionTakesPlainJson() throws Exception {
        HttpResponse<byte[]> response = postJson("/orders", "{\"id\":\"o1\"}", "X-Request-Id", "plain-1");
        assertThat(response.statusCode()).isEqualTo(204);
        Event<TestApp.Order> event = TestApp.ORDERS.poll();
        assertThat(event.data()).isEqualTo(new TestApp.Order("o1", false));
        assertThat(event.id()).isEqualTo("plain-1");
        assertThat(event.source()).isEqualTo("fnkit:queue:orders-queue");
    }

    @Test
    void eventFunctionTakesABinaryModeCloudEvent() throws Exception {
        HttpResponse<byte[]> response = postJson("/orders", "{\"id\":\"o2\"}", "ce-specversion", "1.0",
                "ce-id", "evt-1", "ce-source", "/tests", "ce-type", "test.order", "ce-subject", "orders/o2");
        assertThat(response.statusCode()).isEqualTo(204);
        Event<TestApp.Order> event = TestApp.ORDERS.poll();
        assertThat(event.id()).isEqualTo("evt-1");
        assertThat(event.source()).isEqualTo("/tests");
        assertThat(event.type()).isEqualTo("test.order");
        assertThat(event.subject()).contains("orders/o2");
        assertThat(event.data().id()).isEqualTo("o2");
    }

    @Test
    void eventFunctionTakesAStructuredModeCloudEvent() throws Exception {
        String event = """
                {"specversion":"1.0","id":"evt-2","source":"/tests","type":"test.order",
                 "datacontenttype":"application/json","data":{"id":"o3"}}""";
        HttpResponse<byte[]> response = send("POST", "/orders", "application/cloudevents+json",
                event.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(204);
        Event<TestApp.Order> received = TestApp.ORDERS.poll();
        assertThat(received.id()).isEqualTo("evt-2");
        assertThat(received.type()).isEqualTo("test.order");
        assertThat(received.data().id()).isEqualTo("o3");
    }

    @Test
    void failingEventIs500WithoutStackTrace() throws Exception {
        HttpResponse<byte[]> response = postJson("/orders", "{\"id\":\"o6\",\"fail\":true}");
        assertProblem(response, 500, "internal-error");
        assertThat(text(response)).doesNotContain("Exception", "at ");
    }

    @Test
    void batchReportsOnlyTheFailedItem() throws Exception {
        HttpResponse<byte[]> response = postJson("/payments",
                "[{\"id\":\"p1\"},{\"id\":\"p2\",\"fail\":true},{\"id\":\"p3\"}]", "X-Request-Id", "batch-1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("failedItemIds").toString()).isEqualTo("[\"batch-1-1\"]");

        HttpResponse<byte[]> perItem = postJson("/orders",
                "[{\"id\":\"o4\",\"fail\":true},{\"id\":\"o5\"}]", "X-Request-Id", "batch-2");
        assertThat(json(perItem).get("failedItemIds").toString()).isEqualTo("[\"batch-2-0\"]");
        assertThat(TestApp.ORDERS.poll().data().id()).isEqualTo("o5");
    }

    @Test
    void runnerListsItsFunctions() throws Exception {
        JsonNode functions = json(get("/_fnkit/functions"));
        assertThat(functions.findValuesAsText("name")).contains("echo", "greet", "orders", "payments", "tick");
        JsonNode greet = find(functions, "greet");
        assertThat(greet.get("kind").asText()).isEqualTo("typed");
        assertThat(greet.get("trigger").asText()).isEqualTo("invoke");
        assertThat(greet.get("urls").get(0).asText()).isEqualTo("POST " + server.url() + "/greet");
        JsonNode onlyGet = find(functions, "only-get");
        assertThat(onlyGet.get("urls").get(0).asText()).isEqualTo("GET " + server.url() + "/only-get");
    }

    @Test
    void runnerInvokesAnyFunctionByName() throws Exception {
        assertThat(json(postJson("/_fnkit/invoke/greet", "{\"name\":\"Bo\"}")).get("greeting").asText())
                .isEqualTo("Hello, Bo!");
        HttpResponse<byte[]> http = postJson("/_fnkit/invoke/only-get", "");
        assertThat(http.statusCode()).isEqualTo(200);
        assertThat(text(http)).isEqualTo("got");
        assertThat(postJson("/_fnkit/invoke/tick", "").statusCode()).isEqualTo(204);
        assertThat(TestApp.TICKS.poll().schedule()).isEqualTo("tick");
        assertProblem(postJson("/_fnkit/invoke/nope", "{}"), 404, "function-not-found");
        assertProblem(get("/_fnkit/invoke/greet"), 405, "method-not-allowed");
        assertProblem(get("/_fnkit/other"), 404, "not-found");
    }

    private static JsonNode find(JsonNode functions, String name) {
        for (JsonNode function : functions) {
            if (function.get("name").asText().equals(name)) {
                return function;
            }
        }
        throw new AssertionError("no function " + name + " in " + functions);
    }
}
