package dev.fnkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.core.Application;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local runner's answer to each bad input of the catalogue in docs/robustness.md, over a raw loopback socket:
 * the exact status and problem code, and the connection closed where framing cannot be trusted.
 */
class LocalRunnerBadInputTest {
    /** A typed function's input. */
    record Order(String id, int quantity) {
    }

    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static LocalServer server;

    @BeforeAll
    static void start() {
        server = LocalServer.builder().application("bad-input", Application.of(functions -> {
            functions.http("files", (request, context) -> HttpResponse.text(request.pathParameter("path").orElse("")))
                    .route("GET", "/files/{+path}");
            functions.http("echo", (request, context) -> HttpResponse.builder()
                            .header("x-echo", request.query().first("v").orElse("")).text("ok"))
                    .route("GET", "/echo");
            functions.typed("order", Order.class, (in, context) -> in);
            functions.queue("orders", "orders-queue", Order.class, (event, context) -> event.data());
            functions.queue("messages", "messages-queue", QueueMessage.class, (event, context) -> event.data());
        })).port(0).maxBodyBytes(1024).requestReadTimeout(Duration.ofMillis(300)).reload(false)
                .out(new PrintStream(LOG, true, StandardCharsets.UTF_8))
                .log(new PrintStream(LOG, true, StandardCharsets.UTF_8)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> badRequests() {
        String big = "x".repeat(2000);
        return Stream.of(
                row("not-http", "GARBAGE\r\n\r\n", 400, "malformed-request", true),
                row("header-without-colon", get("/echo", "Bad Header Line"), 400, "malformed-request", true),
                row("header-name-with-space", get("/echo", "Bad Name: v"), 400, "malformed-request", true),
                row("huge-request-line", get("/echo?v=" + "a".repeat(9000)), 414, "uri-too-long", true),
                row("huge-header", get("/echo", "X-Big: " + "a".repeat(17_000)), 431, "header-too-large", true),
                row("huge-body", post("/order", "application/json", big), 413, "body-too-large", false),
                row("huge-chunked-body", "POST /order HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" + big + "\r\n0\r\n\r\n", 413,
                        "body-too-large", false),
                row("bad-chunk-size", "POST /order HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "zz\r\nabc\r\n0\r\n\r\n", 400, "malformed-request", true),
                row("unsupported-expectation", "POST /order HTTP/1.1\r\nHost: localhost\r\nExpect: teapot\r\n"
                        + "Content-Length: 2\r\n\r\n{}", 417, "expectation-failed", false),
                row("bad-percent-escape-in-path", get("/files/%zz"), 400, "malformed-path", false),
                row("bad-percent-escape-in-query", get("/echo?v=%e"), 400, "malformed-query", false),
                row("no-such-route", get("/nothing/here"), 404, "not-found", false),
                row("no-such-function", post("/_fnkit/invoke/nothing", "application/json", "{}"), 404,
                        "function-not-found", false),
                row("malformed-json", post("/order", "application/json", "{\"id\": "), 400, "malformed-json", false),
                row("wrong-json-types", post("/order", "application/json", "{\"id\":\"a\",\"quantity\":\"many\"}"),
                        400, "malformed-json", false),
                row("invalid-utf8-json", post("/order", "application/json", "{\"id\":\"\u00ff\u00fe\"}"), 400,
                        "malformed-json", false),
                row("deeply-nested-json", post("/order", "application/json", "[".repeat(500) + "]".repeat(500)),
                        400, "malformed-json", false),
                row("wrong-media-type", post("/order", "text/csv", "a,b"), 415, "unsupported-media-type", false),
                row("cloudevent-missing-id", post("/orders", "application/json", "{\"id\":\"a\",\"quantity\":1}",
                        "ce-specversion: 1.0", "ce-type: t", "ce-source: /s"), 400, "invalid-cloudevent", false),
                row("cloudevent-unknown-specversion", post("/orders", "application/json", "{}",
                        "ce-specversion: 9.9", "ce-id: 1", "ce-type: t", "ce-source: /s"), 400, "invalid-cloudevent",
                        false),
                row("cloudevent-structured-missing-source", post("/orders", "application/cloudevents+json",
                        "{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"t\",\"data\":{}}"), 400,
                        "invalid-cloudevent", false),
                row("cloudevent-truncated-base64", post("/messages", "application/cloudevents+json",
                        "{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"t\",\"source\":\"/s\","
                                + "\"data_base64\":\"aGVsbG8gd29yb\"}"), 400, "invalid-cloudevent", false),
                row("cloudevent-batch-mode", post("/orders", "application/cloudevents-batch+json", "[]"), 415,
                        "unsupported-media-type", false),
                row("event-malformed-json", post("/orders", "application/json", "{\"id\":"), 400, "malformed-json",
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequest(String name, String request, int status, String code, boolean closes) throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send(request.getBytes(StandardCharsets.ISO_8859_1)).read();
            assertThat(response.status()).as(response.text()).isEqualTo(status);
            assertThat(response.header("content-type")).containsExactly("application/problem+json");
            JsonNode problem = Json.tree(response.body());
            assertThat(problem.path("code").asText()).isEqualTo(code);
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
            if (closes) {
                assertThat(http.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void pathTraversalInARouteReachesTheFunctionLiterallyAndTouchesNoFile() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send(get("/files/a/../../../etc/passwd")).read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("a/../../../etc/passwd");
        }
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send(get("/files/%2e%2e/%2e%2e/etc/passwd")).read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("../../etc/passwd");
        }
    }

    @Test
    void crlfEchoedIntoAResponseHeaderIsA500AndNeverReachesTheWire() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send(get("/echo?v=a%0D%0ASet-Cookie:%20evil=1")).read();
            assertThat(response.status()).isEqualTo(500);
            assertThat(Json.tree(response.body()).path("code").asText()).isEqualTo("internal-error");
            assertThat(response.header("set-cookie")).isEmpty();
            assertThat(response.header("x-echo")).isEmpty();
        }
    }

    @Test
    void slowRequestHeadIsClosedWithoutAnAnswer() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /echo HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void slowRequestBodyIs408AndClosed() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send("POST /order HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                    + "application/json\r\nContent-Length: 100\r\n\r\n{\"id\":").read();
            assertThat(response.status()).isEqualTo(408);
            assertThat(Json.tree(response.body()).path("code").asText()).isEqualTo("request-timeout");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosed() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            assertThat(http.send(get("/echo?v=1")).read().status()).isEqualTo(200);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    private static Arguments row(String name, String request, int status, String code, boolean closes) {
        return Arguments.of(name, request, status, code, closes);
    }

    private static String get(String target, String... headers) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + lines(headers) + "\r\n";
    }

    private static String post(String target, String contentType, String body, String... headers) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        return "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + bytes.length + "\r\n" + lines(headers) + "\r\n" + body;
    }

    private static String lines(String... headers) {
        StringBuilder out = new StringBuilder();
        for (String header : headers) {
            out.append(header).append("\r\n");
        }
        return out.toString();
    }
}
