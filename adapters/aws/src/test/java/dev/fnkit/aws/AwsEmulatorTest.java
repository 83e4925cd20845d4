package dev.fnkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Body;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.ChangeType;
import dev.fnkit.api.Event;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.core.Application;
import dev.fnkit.core.EventData;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.Json;
import dev.fnkit.core.ProviderEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class AwsEmulatorTest {
    private final Application app = AwsTestApp.application();
    private final ProviderEmulator aws = new AwsEmulator();

    @BeforeEach
    void clear() {
        AwsTestApp.RECEIVED.clear();
    }

    private FunctionDefinition function(String name) {
        return app.function(name).orElseThrow();
    }

    private List<Event<?>> wrap(String function, Object... items) {
        List<Event<?>> events = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            Body data = items[i] instanceof String s ? Body.of(s) : Body.of(Json.encode(items[i]));
            events.add(EventData.wrap(function(function), data, "item-" + i, Instant.parse("2024-03-12T02:00:00Z")));
        }
        return events;
    }

    @Test
    void isFoundAsAServiceAndEmulatesLambda() {
        assertThat(ServiceLoader.load(ProviderEmulator.class).stream().map(p -> p.type().getName()))
                .contains(AwsEmulator.class.getName());
        assertThat(aws.provider()).isEqualTo(Provider.AWS_LAMBDA);
    }

    @Test
    void httpGoesThroughAnHttpApiEventAndComesBackAsAClientSeesIt() throws Exception {
        byte[] binary = {0, 1, (byte) 0xfe, (byte) 0xff, 10};
        HttpRequest request = HttpRequest.builder("PUT", "/echo/a/b%20c?x=1&x=2&y=")
                .headers(Headers.builder().add("X-Multi", "one").add("X-Multi", "two").add("Cookie", "a=1; b=2")
                        .add("Accept", "text/html").add("Accept", "application/json").build())
                .body(binary).build();
        HttpResponse response = aws.http(app, function("echo"), request);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().all("set-cookie")).containsExactly("s=1; Path=/; HttpOnly", "t=2");
        assertThat(response.headers().all("x-reply")).containsExactly("a, b");
        JsonNode echo = Json.tree(response.body().bytes());
        assertThat(echo.get("path").asText()).isEqualTo("/echo/a/b%20c");
        assertThat(echo.get("pathParameters").get("path").asText()).isEqualTo("a/b c");
        assertThat(echo.get("query").get("x").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(echo.get("query").get("y").toString()).isEqualTo("[\"\"]");
        assertThat(echo.get("headers").get("x-multi").toString()).isEqualTo("[\"one,two\"]");
        assertThat(echo.get("headers").get("accept").toString()).isEqualTo("[\"text/html\",\"application/json\"]");
        assertThat(echo.get("cookies").get("b").asText()).isEqualTo("2");
        assertThat(Body.of(java.util.Base64.getDecoder().decode(echo.get("bodyBase64").asText())).bytes())
                .isEqualTo(binary);
        assertThat(echo.get("provider").asText()).isEqualTo("AWS_LAMBDA");

        HttpResponse png = aws.http(app, function("files"), HttpRequest.builder("GET", "/files/logo.png").build());
        assertThat(png.header("content-type")).contains("image/png");
        assertThat(png.body().bytes()).containsExactly((byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff);
        assertThat(aws.http(app, function("files"), HttpRequest.builder("GET", "/files/boom").build()).status())
                .isEqualTo(500);
    }

    @Test
    void typedFunctionsAreInvokedDirectly() throws Exception {
        assertThat(aws.typed(app, function("greet"), Body.of("{\"name\":\"Bo\"}")).text())
                .isEqualTo("{\"greeting\":\"Hello, Bo!\"}");
        assertThat(aws.typed(app, function("greet"), Body.of("{\"name\":\"\"}"))).isEqualTo(Body.EMPTY);
    }

    @Test
    void sqsBatchesReportTheFailedItemsByTheirPortableIds() throws Exception {
        BatchResult result = aws.events(app, function("orders"), wrap("orders",
                Map.of("id", "o1", "item", "tea"), Map.of("id", "o2", "item", "cake", "fail", true),
                Map.of("id", "o3", "item", "jam")));
        assertThat(result.failedItemIds()).containsExactly("item-1");
        assertThat(AwsTestApp.RECEIVED).extracting(e -> ((AwsTestApp.Order) e.data()).id())
                .containsExactly("o1", "o3");
        JsonNode record = AwsTestApp.RECEIVED.get(0).nativeEvent(JsonNode.class).orElseThrow();
        assertThat(record.get("eventSourceARN").asText()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:orders-queue");

        AwsTestApp.RECEIVED.clear();
        List<Event<?>> withAttributes = List.of(Event.builder().id("m-1").source("test").type("test")
                .data(new QueueMessage("m-1", "orders-queue", Body.of("{\"id\":\"o9\"}"), Map.of("tenant", "acme"), 4,
                        Instant.parse("2024-03-12T02:00:00Z"))).build());
        assertThat(aws.events(app, function("raw-orders"), withAttributes).allSucceeded()).isTrue();
        QueueMessage message = (QueueMessage) AwsTestApp.RECEIVED.get(0).data();
        assertThat(message.attributes()).containsEntry("tenant", "acme");
        assertThat(message.deliveryCount()).isEqualTo(4);
        assertThat(message.sentAt()).isEqualTo(Instant.parse("2024-03-12T02:00:00Z"));
    }

    @Test
    void eachSnsS3AndScheduledEventIsItsOwnInvocation() throws Exception {
        BatchResult audit = aws.events(app, function("audit"), wrap("audit", Map.of("actor", "ada"),
                Map.of("fail", true)));
        assertThat(audit.failedItemIds()).containsExactly("item-1");
        TopicMessage message = (TopicMessage) AwsTestApp.RECEIVED.get(0).data();
        assertThat(message.topic()).isEqualTo("arn:aws:sns:us-east-1:123456789012:audit-events");
        assertThat(message.text()).isEqualTo("{\"actor\":\"ada\"}");

        AwsTestApp.RECEIVED.clear();
        assertThat(aws.events(app, function("uploads"), wrap("uploads", Map.of("bucket", "uploads",
                "key", "cat photo+1%.png", "change", "CREATED", "size", 9))).allSucceeded()).isTrue();
        StorageObjectEvent object = (StorageObjectEvent) AwsTestApp.RECEIVED.get(0).data();
        assertThat(object.key()).isEqualTo("cat photo+1%.png");
        assertThat(object.change()).isEqualTo(StorageChange.CREATED);
        assertThat(object.size()).isEqualTo(9);
        assertThat(AwsTestApp.RECEIVED.get(0).nativeEvent(JsonNode.class).orElseThrow().at("/s3/object/key").asText())
                .isEqualTo("cat+photo%2B1%25.png");

        AwsTestApp.RECEIVED.clear();
        assertThat(aws.events(app, function("nightly"), wrap("nightly", "")).allSucceeded()).isTrue();
        ScheduleTick tick = (ScheduleTick) AwsTestApp.RECEIVED.get(0).data();
        assertThat(tick.schedule()).isEqualTo("nightly");
        assertThat(tick.scheduledTime()).isEqualTo(Instant.parse("2024-03-12T02:00:00Z"));
    }

    @Test
    void streamBatchesReportFailuresBySequenceNumberMappedBack() throws Exception {
        BatchResult clicks = aws.events(app, function("clicks"), wrap("clicks", Map.of("page", "/a"),
                Map.of("page", "/b", "fail", true), Map.of("page", "/c")));
        assertThat(clicks.failedItemIds()).containsExactly("item-1", "item-2");
        assertThat(AwsTestApp.RECEIVED).extracting(e -> ((AwsTestApp.Click) e.data()).page()).containsExactly("/a");
        JsonNode kinesis = AwsTestApp.RECEIVED.get(0).nativeEvent(JsonNode.class).orElseThrow();
        assertThat(kinesis.at("/kinesis/sequenceNumber").asText()).isEqualTo("item-0");
        assertThat(kinesis.get("eventSourceARN").asText())
                .isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/clicks-stream");

        AwsTestApp.RECEIVED.clear();
        assertThat(aws.events(app, function("inventory"), wrap("inventory", Map.of("type", "MODIFY",
                "keys", Map.of("sku", "A1"), "newImage", Map.of("sku", "A1", "qty", 2, "tags", List.of("x")),
                "oldImage", Map.of("sku", "A1", "qty", 3)))).allSucceeded()).isTrue();
        ChangeRecord change = (ChangeRecord) AwsTestApp.RECEIVED.get(0).data();
        assertThat(change.type()).isEqualTo(ChangeType.MODIFY);
        assertThat(change.newImage()).isEqualTo(Map.of("sku", "A1", "qty", 2L, "tags", List.of("x")));
        assertThat(change.oldImage()).containsEntry("qty", 3L);
        assertThat(change.sequenceNumber()).isEqualTo("item-0");
    }
}
