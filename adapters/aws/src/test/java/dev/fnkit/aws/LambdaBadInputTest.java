package dev.fnkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.core.Application;
import dev.fnkit.core.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import static dev.fnkit.aws.LambdaTesting.context;
import static dev.fnkit.aws.LambdaTesting.event;
import static dev.fnkit.aws.LambdaTesting.invoke;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FnkitLambda}'s answer to each bad input of the catalogue in docs/robustness.md, per event source: an HTTP
 * function answers a response event with the problem's status, an event function refuses the event with a 4xx
 * {@link FunctionException} (which Lambda does not retry), and a batch source reports the item it could not decode.
 */
class LambdaBadInputTest {
    /** Typed data of queue records and typed invocations. */
    record Order(String id, int quantity) {
    }

    private static final Queue<String> DELIVERED = new ConcurrentLinkedQueue<>();
    private static final Application APP = Application.of(functions -> {
        functions.http("web", (request, context) -> HttpResponse.text(request.bodyText()))
                .route("/echo/{+path}");
        functions.typed("typed", Order.class, (in, context) -> in);
        functions.queue("sqs", "orders-queue", Order.class, (event, context) -> DELIVERED.add(event.data().id()));
        functions.stream("kinesis", "clicks-stream", StreamRecord.class, (event, context) -> event.data());
        functions.change("dynamodb", "inventory-table", (event, context) -> event.data());
        functions.storage("s3", "uploads", StorageChange.CREATED, (event, context) -> event.data());
        functions.topic("sns", "audit-events", TopicMessage.class, (event, context) -> event.data());
        functions.schedule("eventbridge", "0 2 * * *", (event, context) -> event.data());
    });

    static Stream<Arguments> badEvents() {
        String v2 = text("apigw-http-v2.json");
        String v1 = text("apigw-rest-v1.json");
        String sqs = text("sqs.json").replace("{\\\"id\\\":\\\"o1\\\",\\\"item\\\":\\\"tea\\\"}",
                "{\\\"id\\\":");
        return Stream.of(
                row("http-not-json", "web", "{\"version\": ", "response 400 malformed-event"),
                row("http-deeply-nested", "web", "[".repeat(1000) + "]".repeat(1000), "response 400 malformed-event"),
                row("http-unknown-event-type", "web", text("sqs.json"), "response 400 malformed-event"),
                row("http-v2-truncated-base64-body", "web", v2.replaceFirst("\"body\": *\"[^\"]*\"", "\"body\": \"eyJpZ\""),
                        "response 400 malformed-event"),
                row("http-v1-wrong-types", "web", v1.replaceFirst("\"httpMethod\": *\"[A-Z]+\"", "\"httpMethod\": [\"PUT\"]"),
                        "response 400 malformed-event"),
                row("typed-malformed-json", "typed", "{\"id\": ", "thrown 400 malformed-json"),
                row("typed-wrong-types", "typed", "{\"id\": \"a\", \"quantity\": \"many\"}",
                        "thrown 400 malformed-json"),
                row("typed-invalid-utf8", "typed", "{\"id\": \"\u00ff\u00fe\"}", "thrown 400 malformed-json"),
                row("typed-deeply-nested", "typed", "{\"id\": " + "[".repeat(1000) + "]".repeat(1000) + "}",
                        "thrown 400 malformed-json"),
                row("sqs-not-json", "sqs", "Records", "thrown 400 malformed-event"),
                row("sqs-wrong-types", "sqs", "{\"Records\": {\"messageId\": 1}}", "thrown 400 malformed-event"),
                row("sqs-unknown-event-type", "sqs", text("s3-put.json"), "thrown 400 malformed-event"),
                row("sqs-record-body-malformed-json", "sqs", sqs, "ok {\"batchItemFailures\":[]}"),
                row("kinesis-truncated-base64", "kinesis", text("kinesis.json").replace(
                        "eyJwYWdlIjoiL2hvbWUifQ==", "eyJwYWdlIjoiL2hvb"), "thrown 400 malformed-event"),
                row("dynamodb-unknown-attribute-type", "dynamodb", text("dynamodb.json").replaceFirst(
                        "\"S\": \"A1\"", "\"Q\": \"A1\""), "thrown 400 malformed-event"),
                row("s3-bad-percent-escape-in-key", "s3", text("s3-put.json").replaceFirst("\"key\": *\"[^\"]*\"",
                        "\"key\": \"a%zz\""), "thrown 400 malformed-event"),
                row("sns-missing-message", "sns", text("sns.json").replaceFirst("\"Message\":", "\"Massage\":"),
                        "thrown 400 malformed-event"),
                row("eventbridge-missing-time", "eventbridge", text("eventbridge-scheduled.json").replaceFirst(
                        "\"time\":", "\"tyme\":"), "thrown 400 malformed-event"),
                row("eventbridge-unknown-detail-type", "eventbridge", text("eventbridge-custom.json"), "ok null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void badEvent(String name, String function, String event, String outcome) throws Exception {
        DELIVERED.clear();
        assertThat(outcome(function, event.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(outcome);
        if (name.equals("sqs-record-body-malformed-json")) {
            assertThat(DELIVERED).containsExactly("o2", "o3");
        }
    }

    private static String outcome(String function, byte[] event) throws Exception {
        byte[] out;
        try {
            out = invoke(FnkitLambda.of(APP, function), event, context(function));
        } catch (FunctionException e) {
            return "thrown " + e.status() + " " + e.code();
        }
        String text = new String(out, StandardCharsets.UTF_8);
        JsonNode result = out.length == 0 ? null : Json.tree(out);
        if (result != null && result.has("statusCode") && result.path("statusCode").asInt() < 400) {
            return "response " + result.path("statusCode").asInt();
        }
        if (result != null && result.has("statusCode")) {
            JsonNode body = Json.tree(result.path("body").asText().getBytes(StandardCharsets.UTF_8));
            return "response " + result.path("statusCode").asInt() + " " + body.path("code").asText();
        }
        return "ok " + (out.length == 0 ? "null" : text);
    }

    private static String text(String name) {
        return new String(event(name), StandardCharsets.ISO_8859_1);
    }

    private static Arguments row(String name, String function, String event, String outcome) {
        return Arguments.of(name, function, event, outcome);
    }
}
