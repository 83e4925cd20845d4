package dev.fnkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.ChangeType;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpDispatchTest {
    private final TestContexts contexts = new TestContexts();
    private final HttpDispatch dispatch = new HttpDispatch(Application.load(getClass().getClassLoader()),
            (function, request) -> contexts.create(function));

    @BeforeEach
    void clear() {
        TestFunctions.RECEIVED.clear();
    }

    private HttpResponse send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.builder(method, path);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return dispatch.handle(request.body(body).build());
    }

    private static JsonNode json(HttpResponse response) {
        return Json.tree(response.body().bytes());
    }

    @Test
    void routesWithPathAndQueryParameters() {
        assertThat(json(send("GET", "/hello/Ada%20L", null, null)).get("message").asText())
                .isEqualTo("Hello, Ada L!");
        assertThat(json(send("GET", "/hello?name=Bob", null, null)).get("message").asText())
                .isEqualTo("Hello, Bob!");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        HttpResponse notFound = send("GET", "/nope", null, null);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.header("content-type")).contains("application/problem+json");
        assertThat(json(notFound).get("detail").asText()).isEqualTo("No function serves GET /nope");
        HttpResponse notAllowed = send("DELETE", "/hello", null, null);
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.header("allow").orElseThrow()).contains("GET");
        HttpResponse typedGet = send("GET", "/greet", null, null);
        assertThat(typedGet.status()).isEqualTo(405);
        assertThat(typedGet.header("allow")).contains("POST");
    }

    @Test
    void functionFailuresAreProblems() {
        HttpResponse boom = send("GET", "/boom", null, null);
        assertThat(boom.status()).isEqualTo(500);
        assertThat(boom.bodyText()).doesNotContain("secret internal detail");
        HttpResponse teapot = send("POST", "/teapot", null, null);
        assertThat(teapot.status()).isEqualTo(418);
        assertThat(json(teapot).get("code").asText()).isEqualTo("teapot");
    }

    @Test
    void typedFunctionsTakeAndReturnJson() {
        HttpResponse ok = send("POST", "/greet", "application/json", "{\"name\":\"Ada\"}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("content-type")).contains("application/json");
        assertThat(json(ok).get("greeting").asText()).isEqualTo("Hello, Ada!");
        assertThat(send("POST", "/nothing", null, "{\"name\":\"x\"}").status()).isEqualTo(204);
    }

    @Test
    void typedFunctionErrors() {
        HttpResponse malformed = send("POST", "/greet", "application/json", "{\"name\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(json(malformed).get("code").asText()).isEqualTo("malformed-json");
        HttpResponse media = send("POST", "/greet", "text/plain", "Ada");
        assertThat(media.status()).isEqualTo(415);
        assertThat(json(media).get("detail").asText()).contains("application/json").contains("text/plain");
    }

    @Test
    void plainJsonIsWrappedInTheTriggersRecord() {
        assertThat(send("POST", "/orders", "application/json", "{\"id\":7}").status()).isEqualTo(204);
        var event = TestFunctions.RECEIVED.get(0);
        assertThat(event.data()).isEqualTo(new TestFunctions.Order(7, false));
        assertThat(event.nativeEvent(Object.class)).isEmpty();
        assertThat(event.source()).isEqualTo("fnkit:queue:orders-queue");
        assertThat(event.id()).isEqualTo("req-1");
    }

    @Test
    void batchesReportOnlyFailedItems() {
        HttpResponse response = send("POST", "/orders", "application/json",
                "[{\"id\":1},{\"id\":2,\"fail\":true},{\"id\":3}]");
        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).get("failedItemIds").toString()).isEqualTo("[\"req-1-1\"]");
        assertThat(TestFunctions.RECEIVED).hasSize(3);
        assertThat(contexts.logText()).contains("Event req-1-1 failed").contains("order 2 failed");
    }

    @Test
    void nonRetryableItemFailuresAreAcknowledgedNotRedelivered() {
        HttpResponse response = send("POST", "/orders", "application/json",
                "[{\"id\":-1},{\"id\":2,\"fail\":true},{\"id\":\"x\"}]");
        assertThat(json(response).get("failedItemIds").toString()).isEqualTo("[\"req-1-1\"]");
        assertThat(contexts.logText()).contains("Event req-1-0 rejected and not redelivered: order ids are positive")
                .contains("Event req-1-2 rejected and not redelivered: JSON does not match Order");
    }

    @Test
    void batchFunctionsGetTheWholeBatch() {
        HttpResponse response = send("POST", "/bulk", "application/json", "[\"good\",\"bad\",\"good\"]");
        assertThat(json(response).get("failedItemIds").toString()).isEqualTo("[\"req-1-1\"]");
    }

    @Test
    void eventFailureIsAProblem() {
        HttpResponse response = send("POST", "/orders", "application/json", "{\"id\":9,\"fail\":true}");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.bodyText()).doesNotContain("order 9 failed");
    }

    @Test
    void storageScheduleAndChangeRecordsFromJson() {
        assertThat(send("POST", "/uploads", "application/json",
                "{\"bucket\":\"b\",\"key\":\"a b.png\",\"change\":\"CREATED\",\"size\":12}").status()).isEqualTo(204);
        StorageObjectEvent storage = (StorageObjectEvent) TestFunctions.RECEIVED.get(0).data();
        assertThat(storage.key()).isEqualTo("a b.png");
        assertThat(storage.change()).isEqualTo(StorageChange.CREATED);
        assertThat(TestFunctions.RECEIVED.get(0).subject()).contains("a b.png");

        assertThat(send("POST", "/nightly", null, "").status()).isEqualTo(204);
        assertThat(((ScheduleTick) TestFunctions.RECEIVED.get(1).data()).schedule()).isEqualTo("nightly");

        assertThat(send("POST", "/inventory", "application/json",
                "{\"type\":\"MODIFY\",\"keys\":{\"sku\":\"a\"},\"newImage\":{\"sku\":\"a\",\"qty\":2}}").status())
                .isEqualTo(204);
        ChangeRecord change = (ChangeRecord) TestFunctions.RECEIVED.get(2).data();
        assertThat(change.type()).isEqualTo(ChangeType.MODIFY);
        assertThat(change.source()).isEqualTo("inventory-table");
        assertThat(change.newImage()).containsEntry("qty", 2);
    }

    @Test
    void malformedEventsAre400() {
        HttpResponse missing = send("POST", "/uploads", "application/json", "{\"key\":\"x\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(json(missing).get("detail").asText()).contains("uploads").contains("StorageObjectEvent");
        assertThat(send("POST", "/uploads", "text/plain", "x").status()).isEqualTo(415);
        assertThat(send("POST", "/orders", "application/json", "{\"id\":").status()).isEqualTo(400);
    }

    @Test
    void binaryModeCloudEventsKeepTheirAttributes() {
        HttpResponse response = dispatch.handle(HttpRequest.builder("POST", "/orders")
                .header("ce-specversion", "1.0").header("ce-id", "evt-1").header("ce-source", "/shop")
                .header("ce-type", "order.created").header("ce-traceparent", "00-abc")
                .header("content-type", "application/json").body("{\"id\":5}").build());
        assertThat(response.status()).isEqualTo(204);
        var event = TestFunctions.RECEIVED.get(0);
        assertThat(event.id()).isEqualTo("evt-1");
        assertThat(event.type()).isEqualTo("order.created");
        assertThat(event.data()).isEqualTo(new TestFunctions.Order(5, false));
        assertThat(event.extension("traceparent")).contains("00-abc");
    }

    @Test
    void structuredModeCloudEvents() {
        HttpResponse response = send("POST", "/orders", "application/cloudevents+json",
                "{\"specversion\":\"1.0\",\"id\":\"e2\",\"source\":\"/s\",\"type\":\"t\","
                        + "\"datacontenttype\":\"application/json\",\"data\":{\"id\":6}}");
        assertThat(response.status()).isEqualTo(204);
        assertThat(TestFunctions.RECEIVED.get(0).data()).isEqualTo(new TestFunctions.Order(6, false));
        assertThat(TestFunctions.RECEIVED.get(0).id()).isEqualTo("e2");
    }

    @Test
    void invalidCloudEventsSayWhichAttribute() {
        HttpResponse response = dispatch.handle(HttpRequest.builder("POST", "/orders")
                .header("ce-specversion", "1.0").header("ce-id", "evt-1").header("ce-type", "t")
                .header("content-type", "application/json").body("{\"id\":5}").build());
        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).get("detail").asText()).contains("source");
    }

    @Test
    void queueMessagesAreNotDecodedWhenTheFunctionTakesTheRecord() {
        assertThat(send("POST", "/bulk", "text/plain", "not json").status()).isEqualTo(204);
    }

    @Test
    void invokeByNameServesHttpFunctionsToo() {
        FunctionDefinition hello = dispatch.application().function("hello").orElseThrow();
        HttpResponse response = dispatch.invoke(hello, HttpRequest.builder("GET", "/x?name=Z").build());
        assertThat(json(response).get("message").asText()).isEqualTo("Hello, Z!");
        assertThat(QueueMessage.class).isNotNull();
    }
}
