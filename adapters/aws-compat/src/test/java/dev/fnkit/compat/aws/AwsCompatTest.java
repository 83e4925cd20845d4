package dev.fnkit.compat.aws;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Body;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;
import dev.fnkit.local.junit.EveryProvider;
import dev.fnkit.local.junit.FnkitClient;
import dev.fnkit.local.junit.FnkitTest;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FnkitTest(apps = LambdaHandlersApp.class)
class AwsCompatTest {
    @BeforeEach
    void clear() {
        LambdaHandlersApp.SEEN.clear();
    }

    @EveryProvider
    void httpApiHandlerSeesAFaithfulV2EventAndItsResponseComesBack(FnkitClient fnkit) {
        HttpResponse response = fnkit.request("POST", "/v2/a/b%20c?x=1&x=2&y=z",
                Headers.builder().add("X-Multi", "one").add("X-Multi", "two").add("Cookie", "a=1; b=2")
                        .add("content-type", "application/json").build(), Body.of("{\"n\":1}")).response();
        assertThat(response.status()).isEqualTo(201);
        if (fnkit.provider() == Provider.AZURE_FUNCTIONS) {
            // The Azure Java worker keeps one value per response header name.
            assertThat(response.headers().all("set-cookie")).first().isEqualTo("session=1; Path=/");
        } else {
            assertThat(response.headers().all("set-cookie")).containsExactly("session=1; Path=/", "theme=dark");
        }
        assertThat(values(response.headers().all("x-multi"))).containsExactly("a", "b");
        JsonNode echo = dev.fnkit.core.Json.tree(response.body().bytes());
        assertThat(echo.get("version").asText()).isEqualTo("2.0");
        assertThat(echo.get("routeKey").asText()).isEqualTo("ANY /v2/{path+}");
        assertThat(echo.get("rawPath").asText()).isEqualTo("/v2/a/b c");
        assertThat(echo.get("pathParameters").get("path").asText()).isEqualTo("a/b c");
        assertThat(echo.get("rawQueryString").asText()).isEqualTo("x=1&x=2&y=z");
        assertThat(echo.get("query").get("x").asText()).isEqualTo("1,2");
        assertThat(echo.get("headers").get("x-multi").asText()).isEqualTo("one,two");
        assertThat(echo.get("headers").has("cookie")).isFalse();
        assertThat(echo.get("cookies").toString()).isEqualTo("[\"a=1\",\"b=2\"]");
        assertThat(echo.get("body").asText()).isEqualTo("{\"n\":1}");
        assertThat(echo.get("method").asText()).isEqualTo("POST");
        assertThat(echo.get("awsRequestId").asText()).isNotBlank();
        assertThat(echo.get("functionName").asText()).isEqualTo("api-v2");
        assertThat(echo.get("memory").asInt()).isEqualTo(1024);
        assertThat(echo.get("remaining").asInt()).isPositive();
    }

    @EveryProvider
    void binaryBodiesGoInAndOutAsBase64(FnkitClient fnkit) {
        byte[] binary = {0, 1, (byte) 0xfe, (byte) 0xff, 10};
        HttpResponse response = fnkit.request("PUT", "/v2/blob", Headers.of("content-type",
                "application/octet-stream"), Body.of(binary)).response();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().bytes()).isEqualTo(binary);
        assertThat(response.header("content-type")).hasValue("application/octet-stream");
    }

    @EveryProvider
    void restApiHandlerSeesSingleAndMultiValueMaps(FnkitClient fnkit) {
        HttpResponse response = fnkit.request("GET", "/v1/items/42?tag=a&tag=b",
                Headers.builder().add("X-Multi", "one").add("X-Multi", "two").build(), Body.EMPTY).response();
        assertThat(response.status()).isEqualTo(200);
        assertThat(values(response.headers().all("x-multi"))).containsExactly("one", "two");
        JsonNode echo = dev.fnkit.core.Json.tree(response.body().bytes());
        assertThat(echo.get("resource").asText()).isEqualTo("/v1/items/{id}");
        assertThat(echo.get("path").asText()).isEqualTo("/v1/items/42");
        assertThat(echo.get("method").asText()).isEqualTo("GET");
        assertThat(echo.get("pathParameters").get("id").asText()).isEqualTo("42");
        assertThat(echo.get("query").get("tag").asText()).isEqualTo("b");
        assertThat(echo.get("multiQuery").get("tag").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(echo.get("stage").asText()).isEqualTo(RestApiEvents.STAGE);
        List<String> multi = new java.util.ArrayList<>();
        echo.get("multiValueHeaders").get("x-multi").forEach(v -> multi.add(v.asText()));
        if (fnkit.provider() == Provider.AWS_LAMBDA || fnkit.provider() == Provider.AZURE_FUNCTIONS) {
            assertThat(String.join(",", multi)).isEqualTo("one,two");
        } else {
            assertThat(multi).containsExactly("one", "two");
            assertThat(echo.get("headers").get("x-multi").asText()).isEqualTo("two");
        }
    }

    @EveryProvider
    void sqsBatchItemFailuresBecomeThePortableBatchResult(FnkitClient fnkit) throws Exception {
        BatchResult result = fnkit.batch("orders", List.of(Map.of("id", "o1"), Map.of("id", "o2", "fail", true),
                Map.of("id", "o3")));
        assertThat(result.failedItemIds()).containsExactly("item-1");
        List<SQSEvent.SQSMessage> messages = seen(SQSEvent.SQSMessage.class);
        assertThat(messages).extracting(SQSEvent.SQSMessage::getMessageId)
                .containsExactly("item-0", "item-1", "item-2");
        SQSEvent.SQSMessage first = messages.get(0);
        assertThat(first.getBody()).isEqualTo("{\"id\":\"o1\"}");
        assertThat(first.getEventSource()).isEqualTo("aws:sqs");
        assertThat(first.getEventSourceArn()).startsWith("arn:aws:sqs:").endsWith(":orders-queue");
        assertThat(first.getAttributes()).containsKeys("ApproximateReceiveCount", "SentTimestamp");
        assertThat(first.getMd5OfBody()).hasSize(32);
    }

    @EveryProvider
    void anItemIdentifierOutsideTheBatchFailsTheWholeBatch(FnkitClient fnkit) throws Exception {
        BatchResult result = fnkit.batch("ghosts", List.of("a", "b"));
        assertThat(result.failedItemIds()).containsExactlyInAnyOrder("item-0", "item-1");
    }

    @EveryProvider
    void kinesisFailuresAreReportedBySequenceNumber(FnkitClient fnkit) throws Exception {
        BatchResult result = fnkit.batch("clicks", List.of("ok-0", "fail-1", "ok-2"));
        if (fnkit.provider() == Provider.AZURE_FUNCTIONS) {
            // Event Hubs batches have no per-item failure: the failed invocation fails every record.
            assertThat(result.failedItemIds()).containsExactlyInAnyOrder("item-0", "item-1", "item-2");
        } else {
            assertThat(result.failedItemIds()).containsExactly("item-1");
        }
        assertThat(seen(String.class)).containsExactly("ok-0", "fail-1", "ok-2");
    }

    @EveryProvider
    void aThrowingBatchHandlerFailsTheWholeBatch(FnkitClient fnkit) throws Exception {
        BatchResult ok = fnkit.batch("inventory", List.of(Map.of("type", "INSERT", "keys", Map.of("sku", "A1"),
                "newImage", Map.of("sku", "A1", "qty", 3, "tags", List.of("x"), "live", true))));
        assertThat(ok.allSucceeded()).isTrue();
        DynamodbEvent.DynamodbStreamRecord record = seen(DynamodbEvent.DynamodbStreamRecord.class).get(0);
        // The Cosmos DB change feed does not tell inserts from updates.
        assertThat(record.getEventName()).isEqualTo(fnkit.provider() == Provider.AZURE_FUNCTIONS ? "MODIFY" : "INSERT");
        assertThat(record.getEventSourceARN()).contains(":table/inventory-table/stream/");
        assertThat(record.getDynamodb().getNewImage().get("qty").getN()).isEqualTo("3");
        assertThat(record.getDynamodb().getNewImage().get("tags").getL().get(0).getS()).isEqualTo("x");
        assertThat(record.getDynamodb().getNewImage().get("live").getBOOL()).isTrue();
        BatchResult failed = fnkit.batch("inventory", List.of(
                Map.of("type", "INSERT", "keys", Map.of("sku", "B1")),
                Map.of("type", "MODIFY", "keys", Map.of("sku", "C1"), "newImage", Map.of("sku", "boom"))));
        if (fnkit.provider() == Provider.GOOGLE_CLOUD_FUNCTIONS) {
            // Firestore delivers each change in its own invocation: only the one that threw is retried.
            assertThat(failed.failedItemIds()).containsExactly("item-1");
        } else {
            assertThat(failed.failedItemIds()).containsExactlyInAnyOrder("item-0", "item-1");
        }
    }

    @EveryProvider
    void snsS3AndScheduleHandlersGetTheirAwsEvents(FnkitClient fnkit) throws Exception {
        fnkit.event("audit", "{\"actor\":\"ada\"}");
        fnkit.event("uploads", Map.of("bucket", "uploads", "key", "photos/cat photo.png", "change", "CREATED",
                "size", 9));
        fnkit.event("nightly", "");
        SNSEvent.SNS sns = seen(SNSEvent.class).get(0).getRecords().get(0).getSNS();
        assertThat(sns.getMessage()).isEqualTo("{\"actor\":\"ada\"}");
        assertThat(sns.getTopicArn()).startsWith("arn:aws:sns:");
        assertThat(sns.getTimestamp()).isNotNull();
        S3EventNotification.S3EventNotificationRecord s3 = seen(S3Event.class).get(0).getRecords().get(0);
        assertThat(s3.getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(s3.getS3().getBucket().getName()).isEqualTo("uploads");
        assertThat(s3.getS3().getObject().getKey()).isEqualTo("photos/cat+photo.png");
        assertThat(s3.getS3().getObject().getUrlDecodedKey()).isEqualTo("photos/cat photo.png");
        assertThat(s3.getS3().getObject().getSizeAsLong()).isEqualTo(9L);
        ScheduledEvent tick = seen(ScheduledEvent.class).get(0);
        assertThat(tick.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(tick.getSource()).isEqualTo("aws.events");
        assertThat(tick.getResources().get(0)).startsWith("arn:aws:events:").contains(":rule/");
    }

    @EveryProvider
    void aStreamHandlerIsATypedFunction(FnkitClient fnkit) throws Exception {
        JsonNode result = fnkit.typed("greet", Map.of("name", "Ada"), JsonNode.class);
        assertThat(result.get("greeting").asText()).isEqualTo("Hello, Ada!");
        assertThat(result.get("requestId").asText()).isNotBlank();
    }

    @EveryProvider
    void aStreamHandlerServesHttpApiEventsAsJson(FnkitClient fnkit) {
        HttpResponse response = fnkit.request("DELETE", "/proxy/x", Headers.builder().add("X-Multi", "one")
                .add("X-Multi", "two").build(), Body.EMPTY).response();
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.bodyText()).isEqualTo("ANY /proxy/{path+} one,two DELETE false false true");
        if (fnkit.provider() != Provider.AZURE_FUNCTIONS) {
            assertThat(response.headers().all("set-cookie")).containsExactly("a=1", "b=2");
        }
        fnkit.get("/proxy/plain").assertStatus(200).assertHeader("content-type", "application/json")
                .assertJson("plain", true);
    }

    @EveryProvider
    void aResponseWithoutStatusCodeIsABadGatewayProblem(FnkitClient fnkit) {
        HttpResponse response = fnkit.get("/broken").response();
        assertThat(response.status()).isEqualTo(502);
        assertThat(response.header("content-type")).hasValue("application/problem+json");
        assertThat(response.bodyText()).contains("invalid-lambda-response").contains("statusCode");
    }

    /** Header values, split where a provider comma-joined them. */
    private static List<String> values(List<String> headerValues) {
        return headerValues.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::trim).toList();
    }

    private static <T> List<T> seen(Class<T> type) {
        return LambdaHandlersApp.SEEN.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
