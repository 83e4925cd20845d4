package dev.fnkit.azure;

import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Body;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.ChangeType;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.core.Application;
import dev.fnkit.core.EventData;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.Json;
import dev.fnkit.core.ProviderEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AzureEmulatorTest {
    private final Application application = TestApp.application();
    private final AzureEmulator emulator = new AzureEmulator();
    private final Instant now = Instant.parse("2024-05-01T10:00:00.5Z");

    @BeforeEach
    void clear() {
        TestApp.RECEIVED.clear();
    }

    private FunctionDefinition function(String name) {
        return application.function(name).orElseThrow();
    }

    private Event<?> wrap(String function, String data, String id) {
        return EventData.wrap(function(function), Body.of(data), id, now);
    }

    @Test
    void isDiscoveredAsTheAzureEmulator() {
        assertThat(ServiceLoader.load(ProviderEmulator.class).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e instanceof AzureEmulator)).singleElement()
                .satisfies(e -> assertThat(e.provider()).isEqualTo(Provider.AZURE_FUNCTIONS));
    }

    @Test
    void httpRequestsGoThroughTheWorkersShapes() {
        HttpResponse response = emulator.http(application, function("echo"), HttpRequest.builder("POST",
                        "/echo/a/b%20c?x=1&x=2&y=").headers(Headers.builder().add("X-Multi", "one")
                        .add("X-Multi", "two").add("Cookie", "a=1").build())
                .body(new byte[] {0, (byte) 0xff}).build());
        assertThat(response.status()).isEqualTo(200);
        var echo = Json.tree(response.body().bytes());
        assertThat(echo.get("pathParameters").get("path").asText()).isEqualTo("a/b c");
        assertThat(echo.get("query").get("x").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(echo.get("headers").get("x-multi").toString()).as("the worker joins repeated headers")
                .isEqualTo("[\"one,two\"]");
        assertThat(echo.get("cookies").get("a").asText()).isEqualTo("1");
        assertThat(echo.get("bodyBase64").asText()).isEqualTo("AP8=");
    }

    @Test
    void picksTheAzureFunctionWhoseRouteAndMethodMatch() {
        assertThat(AzureEmulator.azureFunction(function("items"), HttpRequest.builder("POST", "/items").build()))
                .isEqualTo("items_2");
        assertThat(AzureEmulator.azureFunction(function("items"), HttpRequest.builder("HEAD", "/items/1").build()))
                .isEqualTo("items");
        assertThat(AzureEmulator.azureFunction(function("echo"), HttpRequest.builder("GET", "/echo").build()))
                .isEqualTo("echo");
    }

    @Test
    void typedFunctionsAreJsonPostsAndProblemsComeBackAsExceptions() {
        assertThat(emulator.typed(application, function("greet"), Body.of("{\"name\":\"Ada\"}")).text())
                .isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
        assertThatThrownBy(() -> emulator.typed(application, function("greet"), Body.of("{}")))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("name-missing");
                });
    }

    @Test
    void queueMessagesAreDeliveredOneByOneAndFailOneByOne() {
        BatchResult result = emulator.events(application, function("orders"), List.of(
                wrap("orders", "{\"id\":\"o1\"}", "m1"), wrap("orders", "{\"id\":\"o2\",\"fail\":true}", "m2"),
                wrap("orders", "{\"id\":\"o3\"}", "m3")));
        assertThat(result.failedItemIds()).containsExactly("m2");
        assertThat(TestApp.RECEIVED).extracting(Event::id).containsExactly("m1", "m3");
        assertThat(TestApp.RECEIVED.get(0).source()).isEqualTo("azure:storage-queue:orders-queue");
    }

    @Test
    void queueMessageMetadataSurvivesTheRoundTrip() {
        Event<QueueMessage> sent = Event.<QueueMessage>builder().id("m9").source("s").type("t")
                .data(new QueueMessage("m9", "raw-orders", Body.of("hi"), Map.of(), 4, now)).rawData(Body.of("hi"))
                .build();
        emulator.events(application, function("raw-orders"), List.of(sent));
        QueueMessage received = (QueueMessage) TestApp.RECEIVED.get(0).data();
        assertThat(received).isEqualTo(new QueueMessage("m9", "raw-orders", Body.of("hi"), Map.of(), 4, now));
    }

    @Test
    void topicMessagesComeThroughServiceBus() {
        Event<TopicMessage> sent = Event.<TopicMessage>builder().id("t1").source("s").type("t")
                .data(new TopicMessage("t1", "audit-events", Body.of("{\"a\":1}"), Map.of("k", "v"), now, "sub"))
                .build();
        emulator.events(application, function("audit"), List.of(sent));
        Event<?> received = TestApp.RECEIVED.get(0);
        assertThat(received.data()).isEqualTo(new TopicMessage("t1", "audit-events", Body.of("{\"a\":1}"),
                Map.of("k", "v"), now, null));
        assertThat(received.type()).isEqualTo(ServiceBusEvents.TYPE);
    }

    @Test
    void storageEventsComeThroughTheBlobTriggerOrEventGrid() {
        emulator.events(application, function("uploads"), List.of(wrap("uploads",
                "{\"bucket\":\"uploads\",\"key\":\"cat photo.png\",\"change\":\"CREATED\",\"size\":9}", "u1")));
        StorageObjectEvent created = (StorageObjectEvent) TestApp.RECEIVED.get(0).data();
        assertThat(created.key()).isEqualTo("cat photo.png");
        assertThat(created.size()).isEqualTo(9);
        assertThat(TestApp.RECEIVED.get(0).subject()).hasValueSatisfying(s -> assertThat(s).endsWith("cat photo.png"));

        emulator.events(application, function("removed"), List.of(wrap("removed",
                "{\"bucket\":\"uploads\",\"key\":\"old.txt\",\"change\":\"DELETED\"}", "u2")));
        StorageObjectEvent deleted = (StorageObjectEvent) TestApp.RECEIVED.get(1).data();
        assertThat(deleted.change()).isEqualTo(StorageChange.DELETED);
        assertThat(TestApp.RECEIVED.get(1).id()).isEqualTo("u2");
    }

    @Test
    void scheduleTicksComeThroughTheTimer() {
        emulator.events(application, function("nightly"), List.of(wrap("nightly",
                "{\"scheduledTime\":\"2024-05-01T02:00:00Z\",\"pastDue\":true}", "n1")));
        assertThat(TestApp.RECEIVED.get(0).data())
                .isEqualTo(new ScheduleTick("nightly", Instant.parse("2024-05-01T02:00:00Z"), true));
    }

    @Test
    void streamBatchesAreOneInvocationThatFailsWhole() {
        BatchResult ok = emulator.events(application, function("clicks"), List.of(wrap("clicks", "a", "1"),
                wrap("clicks", "b", "2")));
        assertThat(ok.allSucceeded()).isTrue();
        assertThat(TestApp.RECEIVED).extracting(e -> ((StreamRecord) e.data()).text()).containsExactly("a", "b");
        BatchResult failed = emulator.events(application, function("clicks"), List.of(wrap("clicks", "c", "3"),
                wrap("clicks", "fail", "4")));
        assertThat(failed.failedItemIds()).containsExactly("3", "4");
    }

    @Test
    void changesComeThroughTheCosmosDbChangeFeedWithoutDeletions() {
        emulator.events(application, function("inventory"), List.of(
                wrap("inventory", "{\"type\":\"INSERT\",\"keys\":{\"sku\":\"A1\"},\"newImage\":{\"sku\":\"A1\","
                        + "\"qty\":3}}", "c1"),
                wrap("inventory", "{\"type\":\"REMOVE\",\"keys\":{\"id\":\"B2\"}}", "c2")));
        assertThat(TestApp.RECEIVED).hasSize(1);
        ChangeRecord change = (ChangeRecord) TestApp.RECEIVED.get(0).data();
        assertThat(change.type()).isEqualTo(ChangeType.MODIFY);
        assertThat(change.newImage()).containsEntry("sku", "A1").containsEntry("qty", 3);
    }
}
