package dev.fnkit.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.StorageChange;
import dev.fnkit.core.Application;
import dev.fnkit.core.Json;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GCP entry points' answer to each bad input of the catalogue in docs/robustness.md: the HTTP entry answers the
 * problem's status and code; the CloudEvents entry refuses a bad event with a 4xx {@link FunctionException}, which it
 * acknowledges rather than have Pub/Sub or Eventarc deliver it again.
 */
class GcpBadInputTest {
    /** Typed data of Pub/Sub messages and typed requests. */
    record Order(String id, int quantity) {
    }

    private static final Application APP = Application.of(functions -> {
        functions.http("web", (request, context) -> HttpResponse.text("ok")).route("GET", "/items/{id}");
        functions.typed("typed", Order.class, (in, context) -> in);
        functions.queue("orders", "orders-queue", Order.class, (event, context) -> event.data());
        functions.queue("messages", "messages-queue", QueueMessage.class, (event, context) -> event.data());
        functions.storage("uploads", "uploads", StorageChange.CREATED, (event, context) -> event.data());
    });

    static Stream<Arguments> badHttpRequests() {
        return Stream.of(
                http("malformed-json", "typed", "POST", "/", "application/json", "{\"id\": ", 400, "malformed-json"),
                http("wrong-json-types", "typed", "POST", "/", "application/json", "{\"quantity\": \"many\"}", 400,
                        "malformed-json"),
                http("invalid-utf8-json", "typed", "POST", "/", "application/json", "{\"id\": \"\u00ff\u00fe\"}",
                        400, "malformed-json"),
                http("deeply-nested-json", "typed", "POST", "/", "application/json",
                        "[".repeat(1000) + "]".repeat(1000), 400, "malformed-json"),
                http("wrong-media-type", "typed", "POST", "/", "text/csv", "a,b", 415, "unsupported-media-type"),
                http("bad-percent-escape-in-path", "web", "GET", "/items/%zz", null, "", 400, "malformed-path"),
                http("bad-percent-escape-in-query", "web", "GET", "/items/1?a=%e", null, "", 400,
                        "malformed-query"),
                http("no-such-route", "web", "GET", "/nothing", null, "", 404, "not-found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHttpRequests")
    void badHttpRequest(String name, String function, String method, String uri, String contentType, String body,
                        int status, String code) throws Exception {
        HttpResponse response = FuzzEntryPoints.http(APP, function, method, uri,
                contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType)),
                body.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(response.status()).as(response.bodyText()).isEqualTo(status);
        assertThat(response.header("content-type")).contains("application/problem+json");
        JsonNode problem = Json.tree(response.body().bytes());
        assertThat(problem.path("code").asText()).isEqualTo(code);
    }

    static Stream<Arguments> badEvents() {
        String pubsub = "//pubsub.googleapis.com/projects/p/topics/orders-queue";
        String published = "google.cloud.pubsub.topic.v1.messagePublished";
        String storage = "//storage.googleapis.com/projects/_/buckets/uploads";
        String finalized = "google.cloud.storage.object.v1.finalized";
        return Stream.of(
                event("pubsub-data-not-json", "orders", pubsub, published, "{\"message\": ", "400 malformed-event"),
                event("pubsub-missing-message", "orders", pubsub, published, "{\"subscription\": \"s\"}",
                        "400 malformed-event"),
                event("pubsub-truncated-base64", "messages", pubsub, published,
                        "{\"message\": {\"data\": \"aGVsbG8gd29yb\", \"messageId\": \"1\"}}", "400 malformed-event"),
                event("pubsub-message-malformed-json", "orders", pubsub, published,
                        "{\"message\": {\"data\": \"eyJpZCI6\", \"messageId\": \"1\"}}", "400 malformed-json"),
                event("pubsub-message-wrong-types", "orders", pubsub, published,
                        "{\"message\": {\"data\": \"eyJxdWFudGl0eSI6Im1hbnkifQ==\", \"messageId\": \"1\"}}",
                        "400 malformed-json"),
                event("storage-wrong-types", "uploads", storage, finalized,
                        "{\"bucket\": [], \"name\": 7, \"size\": \"big\"}", "400 malformed-event"),
                event("storage-deeply-nested", "uploads", storage, finalized,
                        "{\"bucket\": " + "[".repeat(1000) + "]".repeat(1000) + "}", "400 malformed-event"),
                event("unknown-event-type", "uploads", storage, "google.cloud.audit.log.v1.written",
                        "{\"bucket\": \"uploads\", \"name\": \"a\"}", "400 unexpected-event-type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void badEvent(String name, String function, String source, String type, String data, String outcome) {
        Throwable failure = FuzzEntryPoints.deliver(APP, function, CloudEventBuilder.v1().withId("bad-1")
                .withSource(URI.create(source)).withType(type).withSubject("objects/a")
                .withTime(OffsetDateTime.parse("2024-05-06T07:08:09Z"))
                .withData("application/json", data.getBytes(StandardCharsets.ISO_8859_1)).build());
        assertThat(failure).isInstanceOf(FunctionException.class);
        FunctionException refused = (FunctionException) failure;
        assertThat(refused.status() + " " + refused.code()).as(refused.getMessage()).isEqualTo(outcome);
    }

    private static Arguments http(String name, String function, String method, String uri, String contentType,
                                  String body, int status, String code) {
        return Arguments.of(name, function, method, uri, contentType, body, status, code);
    }

    private static Arguments event(String name, String function, String source, String type, String data,
                                   String outcome) {
        return Arguments.of(name, function, source, type, data, outcome);
    }
}
