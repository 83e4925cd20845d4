package dev.fnkit.gcp.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.StorageChange;
import dev.fnkit.core.fuzz.FuzzMessage;
import dev.fnkit.core.Application;
import dev.fnkit.gcp.FuzzEntryPoints;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GCP entry points with fuzzed input. The functions never fail themselves: the HTTP entry must answer below
 * 500 (4xx as problem+json), and an event may only be refused with a 4xx {@link FunctionException}.
 */
class GcpFuzzTest {
    /** Typed data of Pub/Sub messages. */
    record Order(String id, int quantity) {
    }

    private static final Application APP = Application.of(functions -> {
        functions.http("web", (request, context) -> dev.fnkit.api.HttpResponse.builder()
                        .header("x-params", String.valueOf(request.pathParameters().size()))
                        .header("x-query", String.valueOf(request.query().asMap().size()))
                        .header("x-cookies", String.valueOf(request.cookies().size()))
                        .body(request.body()).build())
                .route("/echo").route("/items/{id}").route("POST", "/files/{+path}");
        functions.typed("greet", Order.class, (in, context) -> Map.of("id", String.valueOf(in.id())));
        functions.queue("orders", "orders-queue", Order.class, (event, context) -> event.data());
        functions.storage("uploads", "uploads", StorageChange.CREATED, (event, context) -> event.data());
        functions.change("inventory", "inventory", (event, context) -> event.data().type());
    });

    /** Input: a request line {@code METHOD /path?query}, header lines, an empty line, the body. */
    @FuzzTest(maxDuration = "30s")
    void http(byte[] input) throws IOException {
        FuzzMessage message = FuzzMessage.parse(input, true);
        String[] requestLine = message.firstLine().split(" ", 2);
        String uri = requestLine.length > 1 ? requestLine[1] : "/";
        if (requestLine[0].isEmpty() || !uri.startsWith("/")) {
            return;
        }
        String function = uri.startsWith("/greet") ? "greet" : "web";
        HttpResponse response = FuzzEntryPoints.http(APP, function, requestLine[0], uri,
                message.headers().asMap(), message.body().bytes());
        assertThat(response.status()).as("status of %s", response.bodyText()).isBetween(200, 499);
        if (response.status() >= 400) {
            assertThat(response.header("content-type")).contains("application/problem+json");
        }
    }

    /**
     * Input: a line {@code pubsub|storage|firestore <datacontenttype> <type suffix>}, then the event's data bytes,
     * delivered as the CloudEvent Eventarc would send.
     */
    @FuzzTest(maxDuration = "30s")
    void cloudEvent(byte[] input) {
        FuzzEntryPoints.GoogleEvent event = FuzzEntryPoints.event(input);
        Throwable failure = FuzzEntryPoints.deliver(APP, event.function(), event.event());
        if (failure != null) {
            assertThat(failure).isInstanceOf(FunctionException.class);
            assertThat(((FunctionException) failure).status()).as("status of %s", failure.getMessage())
                    .isBetween(400, 499);
        }
    }
}
