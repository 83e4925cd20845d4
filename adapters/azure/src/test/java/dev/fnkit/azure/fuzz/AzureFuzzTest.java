package dev.fnkit.azure.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.azure.AzureEmulator;
import dev.fnkit.azure.FnkitAzure;
import dev.fnkit.azure.FuzzEntryPoints;
import dev.fnkit.core.fuzz.FuzzMessage;
import dev.fnkit.core.Application;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Azure entry point with fuzzed HTTP requests and trigger payloads. The functions never fail themselves: HTTP
 * must answer below 500 (4xx as problem+json), and a trigger may only be refused with a 4xx
 * {@link FunctionException}.
 */
class AzureFuzzTest {
    /** Typed data of queue messages. */
    record Order(String id, int quantity) {
    }

    private static final Application APP = Application.of(functions -> {
        functions.http("web", (request, context) -> HttpResponse.builder()
                        .header("x-params", String.valueOf(request.pathParameters().size()))
                        .header("x-query", String.valueOf(request.query().asMap().size()))
                        .header("x-cookies", String.valueOf(request.cookies().size()))
                        .body(request.body()).build())
                .route("/echo").route("/items/{id}").route("POST", "/files/{+path}");
        functions.typed("greet", Order.class, (in, context) -> Map.of("id", String.valueOf(in.id())));
        functions.queue("orders", "orders-queue", Order.class, (event, context) -> event.data());
        functions.topic("audit", "audit-events", TopicMessage.class, (event, context) -> event.data().text());
        functions.storage("uploads", "uploads", StorageChange.CREATED, (event, context) -> event.data());
        functions.schedule("nightly", "0 2 * * *", (event, context) -> event.data());
        functions.stream("clicks", "clicks-stream", StreamRecord.class, (event, context) -> event.data());
        functions.change("inventory", "inventory", (event, context) -> event.data().type());
    });

    private static final AzureEmulator EMULATOR = new AzureEmulator();
    private static final FnkitAzure ENTRY_POINT = FuzzEntryPoints.entryPoint(APP);

    /** Input: a request line {@code METHOD /path?query}, header lines, an empty line, the body. */
    @FuzzTest(maxDuration = "30s")
    void http(byte[] input) {
        FuzzMessage message = FuzzMessage.parse(input, true);
        String[] requestLine = message.firstLine().split(" ", 2);
        String target = requestLine.length > 1 ? requestLine[1] : "/";
        if (requestLine[0].isEmpty() || !target.startsWith("/")) {
            return;
        }
        HttpRequest request;
        try {
            request = HttpRequest.builder(requestLine[0], target).headers(message.headers()).body(message.body())
                    .build();
        } catch (FunctionException e) {
            return;
        }
        String function = target.startsWith("/greet") ? "greet" : "web";
        HttpResponse response = EMULATOR.http(APP, APP.function(function).orElseThrow(), request);
        assertThat(response.status()).as("status of %s", response.bodyText()).isBetween(200, 499);
        if (response.status() >= 400) {
            assertThat(response.header("content-type")).contains("application/problem+json");
        }
    }

    /**
     * Input: a line {@code trigger|meta1|meta2|...} naming the trigger (queue, serviceBus, eventGrid, eventHub, blob,
     * timer, cosmosDb) and its binding metadata strings, then the payload (for eventHub, events separated by 0x1E).
     */
    @FuzzTest(maxDuration = "30s")
    void trigger(byte[] input) throws Exception {
        int newline = indexOf(input, (byte) '\n', 0);
        String[] head = new String(input, 0, newline < 0 ? input.length : newline, StandardCharsets.UTF_8)
                .split("\\|", -1);
        byte[] payload = newline < 0 ? new byte[0] : Arrays.copyOfRange(input, newline + 1, input.length);
        String text = new String(payload, StandardCharsets.UTF_8);
        try {
            switch (head[0]) {
                case "queue" -> ENTRY_POINT.queue(payload, meta(head, 1), meta(head, 2), meta(head, 3),
                        FuzzEntryPoints.context("orders"));
                case "serviceBus" -> ENTRY_POINT.serviceBus(payload, meta(head, 1), meta(head, 2), meta(head, 3),
                        meta(head, 4), FuzzEntryPoints.context(meta(head, 5) == null ? "orders" : "audit"));
                case "eventGrid" -> ENTRY_POINT.eventGrid(text, FuzzEntryPoints.context("uploads"));
                case "eventHub" -> ENTRY_POINT.eventHub(split(payload), meta(head, 1),
                        FuzzEntryPoints.context("clicks"));
                case "blob" -> ENTRY_POINT.blob(payload, meta(head, 1), meta(head, 2),
                        FuzzEntryPoints.context("uploads"));
                case "timer" -> ENTRY_POINT.timer(text, FuzzEntryPoints.context("nightly"));
                case "cosmosDb" -> ENTRY_POINT.cosmosDb(text, FuzzEntryPoints.context("inventory"));
                default -> {
                }
            }
        } catch (FunctionException e) {
            assertThat(e.status()).as("status of %s", e.getMessage()).isBetween(400, 499);
        }
    }

    private static String meta(String[] head, int index) {
        return index < head.length ? head[index] : null;
    }

    private static List<byte[]> split(byte[] payload) {
        List<byte[]> events = new ArrayList<>();
        int start = 0;
        for (int end; (end = indexOf(payload, (byte) 0x1e, start)) >= 0; start = end + 1) {
            events.add(Arrays.copyOfRange(payload, start, end));
        }
        events.add(Arrays.copyOfRange(payload, start, payload.length));
        return events;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
