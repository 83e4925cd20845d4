package dev.fnkit.gcp;

import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Body;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.ChangeType;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.core.Application;
import dev.fnkit.core.EventData;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.ProviderEmulator;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GcpEmulatorTest {
    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");

    private final GcpEmulator emulator = new GcpEmulator();
    private final Application application = TestApp.application();
    private final TestApp app = TestApp.of(application);

    private FunctionDefinition function(String name) {
        return application.function(name).orElseThrow();
    }

    private Event<?> event(String function, String json, String id) {
        return EventData.wrap(function(function), Body.of(json), id, NOW);
    }

    @Test
    void isRegisteredForGoogleCloudFunctions() {
        assertThat(ServiceLoader.load(ProviderEmulator.class).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e instanceof GcpEmulator)).singleElement()
                .satisfies(e -> assertThat(e.provider()).isEqualTo(Provider.GOOGLE_CLOUD_FUNCTIONS));
    }

    @Test
    void servesHttpThroughTheEntryPoint() throws Exception {
        HttpRequest request = HttpRequest.builder("PUT", "/items/bytes?x=1&x=2").header("X-A", "1")
                .body(new byte[] {0, 1, (byte) 0xfe}).build();
        HttpResponse response = emulator.http(application, function("items"), request);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers().all("set-cookie")).hasSize(2);
        assertThat(response.body().bytes()).containsExactly(0, 1, 0xfe);

        HttpResponse echo = emulator.http(application, function("echo"), HttpRequest.builder("GET",
                "/echo/x?tag=a&tag=b%20c").build());
        assertThat(Fixtures.json(echo).path("query").toString()).isEqualTo("{\"tag\":[\"a\",\"b c\"]}");
        assertThat(Fixtures.json(echo).path("provider").asText()).isEqualTo("GOOGLE_CLOUD_FUNCTIONS");
    }

    @Test
    void invokesTypedFunctionsAndSurfacesTheirErrors() throws Exception {
        assertThat(emulator.typed(application, function("greet"), Body.of("{\"name\":\"Ada\"}")).text())
                .isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
        assertThat(emulator.typed(application, function("greet"), Body.of("{}")).isEmpty()).isTrue();
        assertThatThrownBy(() -> emulator.typed(application, function("greet"), Body.of("[")))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("malformed-json");
                });
    }

    @Test
    void deliversPubSubMessagesAndReportsEachFailure() {
        List<Event<?>> orders = List.of(event("orders", "{\"id\":\"a\"}", "m-a"),
                event("orders", "{\"id\":\"b\",\"fail\":true}", "m-b"),
                event("orders", "{\"id\":\"c\",\"reject\":true}", "m-c"));
        BatchResult result = emulator.events(application, function("orders"), orders);
        assertThat(result.failedItemIds()).containsExactly("m-b", "m-c");
        TestApp.Delivery delivered = app.only("orders");
        assertThat(delivered.event().data()).isEqualTo(new TestApp.Order("a", false, false));
        CloudEvent native_ = delivered.event().nativeEvent(CloudEvent.class).orElseThrow();
        assertThat(native_.getType()).isEqualTo(PubSubEvents.MESSAGE_PUBLISHED);
        assertThat(native_.getSource().toString())
                .isEqualTo("//pubsub.googleapis.com/projects/fnkit-emulator/topics/orders-queue");

        assertThat(emulator.events(application, function("audit"), List.of(event("audit", "hello", "t-1")))
                .allSucceeded()).isTrue();
        TopicMessage message = (TopicMessage) app.only("audit").event().data();
        assertThat(message.text()).isEqualTo("hello");
        assertThat(message.topic()).isEqualTo("audit-events");

        emulator.events(application, function("clicks"), List.of(Event.builder().id("k-1").source("s").type("t")
                .data(new StreamRecord("clicks", "user-1", "k-1", Body.of("c"), NOW, null)).build()));
        assertThat(((StreamRecord) app.only("clicks").event().data()).partitionKey()).isEqualTo("user-1");

        emulator.events(application, function("nightly"), List.of(event("nightly", "", "n-1")));
        assertThat(TestApp.tick(app.only("nightly"))).isEqualTo(new ScheduleTick("nightly", NOW, false));
    }

    @Test
    void deliversStorageAndFirestoreEventsInGoogleShapes() {
        StorageObjectEvent object = new StorageObjectEvent("uploads", "a b.png", StorageChange.CREATED, 12,
                "image/png", "e1", "7", NOW);
        emulator.events(application, function("uploads"), List.of(Event.builder().id("s-1").source("x").type("y")
                .data(object).build()));
        Event<?> stored = app.only("uploads").event();
        assertThat(stored.data()).isEqualTo(object);
        assertThat(stored.type()).isEqualTo("google.cloud.storage.object.v1.finalized");
        assertThat(stored.subject()).contains("objects/a b.png");

        Map<String, Object> image = new LinkedHashMap<>();
        image.put("count", 3L);
        image.put("tags", List.of("x"));
        ChangeRecord change = new ChangeRecord("inventory", ChangeType.MODIFY, Map.of("id", "sku-1"), image,
                Map.of("count", 2L), null, NOW);
        emulator.events(application, function("inventory"), List.of(Event.builder().id("f-1").source("x").type("y")
                .data(change).build()));
        ChangeRecord received = (ChangeRecord) app.only("inventory").event().data();
        assertThat(received.type()).isEqualTo(ChangeType.MODIFY);
        assertThat(received.source()).isEqualTo("inventory");
        assertThat(received.keys()).containsEntry("id", "sku-1").containsEntry("name",
                "projects/fnkit-emulator/databases/(default)/documents/inventory/sku-1");
        assertThat(received.newImage()).isEqualTo(image);
        assertThat(received.oldImage()).isEqualTo(Map.of("count", 2L));
        assertThat(received.time()).isEqualTo(NOW);
    }
}
