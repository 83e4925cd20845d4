package dev.fnkit.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.core.Application;
import dev.fnkit.core.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Azure entry point's answer to each bad input of the catalogue in docs/robustness.md: the HTTP trigger (through
 * the emulated host) answers the problem's status and code, and a trigger refuses a bad payload with a 4xx
 * {@link FunctionException}, which fnkit reports as not worth retrying.
 */
class AzureBadInputTest {
    /** Typed data of queue messages and typed requests. */
    record Order(String id, int quantity) {
    }

    private static final Application APP = Application.of(functions -> {
        functions.http("web", (request, context) -> HttpResponse.text("ok")).route("GET", "/items/{id}");
        functions.typed("typed", Order.class, (in, context) -> in);
        functions.queue("orders", "orders-queue", Order.class, (event, context) -> event.data());
        functions.storage("uploads", "uploads", StorageChange.CREATED, (event, context) -> event.data());
        functions.schedule("nightly", "0 2 * * *", (event, context) -> event.data());
        functions.stream("clicks", "clicks-stream", StreamRecord.class, (event, context) -> event.data());
        functions.change("inventory", "inventory", (event, context) -> event.data().type());
    });
    private static final AzureEmulator EMULATOR = new AzureEmulator();
    private static final FnkitAzure ENTRY_POINT = FuzzEntryPoints.entryPoint(APP);

    static Stream<Arguments> badHttpRequests() {
        return Stream.of(
                http("malformed-json", "typed", "POST", "/typed", "application/json", "{\"id\": ", 400,
                        "malformed-json"),
                http("wrong-json-types", "typed", "POST", "/typed", "application/json", "{\"quantity\": \"many\"}",
                        400, "malformed-json"),
                http("invalid-utf8-json", "typed", "POST", "/typed", "application/json",
                        "{\"id\": \"\u00ff\u00fe\"}", 400, "malformed-json"),
                http("deeply-nested-json", "typed", "POST", "/typed", "application/json",
                        "[".repeat(1000) + "]".repeat(1000), 400, "malformed-json"),
                http("wrong-media-type", "typed", "POST", "/typed", "text/csv", "a,b", 415,
                        "unsupported-media-type"),
                http("bad-percent-escape-in-path", "web", "GET", "/items/%zz", null, "", 400, "malformed-path"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHttpRequests")
    void badHttpRequest(String name, String function, String method, String target, String contentType, String body,
                        int status, String code) {
        HttpRequest.Builder request = HttpRequest.builder(method, target)
                .body(dev.fnkit.api.Body.of(body.getBytes(StandardCharsets.ISO_8859_1)));
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        HttpResponse response = EMULATOR.http(APP, APP.function(function).orElseThrow(), request.build());
        assertThat(response.status()).as(response.bodyText()).isEqualTo(status);
        assertThat(response.header("content-type")).contains("application/problem+json");
        JsonNode problem = Json.tree(response.body().bytes());
        assertThat(problem.path("code").asText()).isEqualTo(code);
    }

    static Stream<Arguments> badTriggers() {
        return Stream.of(
                trigger("queue-malformed-json", "queue", "{\"id\": ", "acknowledged 400 malformed-json"),
                trigger("queue-wrong-types", "queue", "{\"quantity\": \"many\"}", "acknowledged 400 malformed-json"),
                trigger("queue-invalid-utf8", "queue", "{\"id\": \"\u00ff\u00fe\"}", "acknowledged 400 malformed-json"),
                trigger("event-grid-not-json", "eventGrid", "{\"id\": ", "400 malformed-json"),
                trigger("event-grid-wrong-types", "eventGrid", "{\"id\": 1, \"eventType\": [], \"subject\": {}}",
                        "400 malformed-event"),
                trigger("event-grid-unknown-event-type", "eventGrid", "{\"id\": \"1\", \"eventType\": "
                        + "\"Microsoft.Resources.ResourceWriteSuccess\", \"subject\": \"/x\", \"eventTime\": "
                        + "\"2024-05-06T07:08:09Z\", \"data\": {}, \"dataVersion\": \"1\"}", "400 malformed-event"),
                trigger("timer-not-json", "timer", "{\"Schedule\": ", "delivered"),
                trigger("cosmos-not-an-array", "cosmosDb", "{\"id\": \"1\"}", "delivered"),
                trigger("event-hub-bad-system-properties", "eventHub", "{}", "delivered"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTriggers")
    void badTrigger(String name, String trigger, String payload, String outcome) throws Exception {
        byte[] bytes = payload.getBytes(StandardCharsets.ISO_8859_1);
        String function = switch (trigger) {
            case "queue" -> "orders";
            case "eventGrid" -> "uploads";
            case "timer" -> "nightly";
            case "cosmosDb" -> "inventory";
            default -> "clicks";
        };
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger("Host.Function." + function).addHandler(capture);
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            switch (trigger) {
                case "queue" -> ENTRY_POINT.queue(bytes, "m-1", "1", "2024-05-06T07:08:09Z",
                        FuzzEntryPoints.context("orders"));
                case "eventGrid" -> ENTRY_POINT.eventGrid(text, FuzzEntryPoints.context("uploads"));
                case "timer" -> ENTRY_POINT.timer(text, FuzzEntryPoints.context("nightly"));
                case "cosmosDb" -> ENTRY_POINT.cosmosDb(text, FuzzEntryPoints.context("inventory"));
                default -> ENTRY_POINT.eventHub(List.of(bytes), "{\"not\": \"an array\"}",
                        FuzzEntryPoints.context("clicks"));
            }
        } catch (FunctionException e) {
            assertThat(e.status() + " " + e.code()).as(e.getMessage()).isEqualTo(outcome);
            return;
        } finally {
            java.util.logging.Logger.getLogger("Host.Function." + function).removeHandler(capture);
        }
        java.util.regex.Matcher answered = java.util.regex.Pattern.compile("answered (\\d+ [a-z-]+)")
                .matcher(String.join("\n", logged));
        assertThat(answered.find() ? "acknowledged " + answered.group(1) : "delivered").isEqualTo(outcome);
    }

    private static Arguments http(String name, String function, String method, String target, String contentType,
                                  String body, int status, String code) {
        return Arguments.of(name, function, method, target, contentType, body, status, code);
    }

    private static Arguments trigger(String name, String trigger, String payload, String outcome) {
        return Arguments.of(name, trigger, payload, outcome);
    }
}
