package dev.fnkit.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.core.CloudEventsHttp;
import dev.fnkit.core.Json;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FnkitCloudEventsFunctionTest {
    private final Fixtures fixtures = new Fixtures();

    private static CloudEvent order(String id, String json) {
        return CloudEvents.pubSubMessage(id, "orders-queue", json);
    }

    @Test
    void deliversTheEventWithItsContext() throws Exception {
        CloudEvent event = CloudEvents.pubSub("m-1", "audit-events", "{\"message\":{\"data\":\""
                + CloudEvents.base64("hi") + "\"}}").withExtension("traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").build();
        fixtures.events("audit").accept(event);

        TestApp.Delivery delivery = fixtures.app.only("audit");
        assertThat(((TopicMessage) delivery.event().data()).text()).isEqualTo("hi");
        assertThat(delivery.context().requestId()).isEqualTo("m-1");
        assertThat(delivery.context().coldStart()).isTrue();
        assertThat(delivery.context().unwrap(CloudEvent.class)).containsSame(event);
        assertThat(delivery.context().trace().orElseThrow().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(delivery.context().remainingTime()).isPositive();
    }

    @Test
    void convertsTheMessageToTheDeclaredType() throws Exception {
        fixtures.events("orders").accept(order("o-1", "{\"id\":\"o-1\"}"));
        assertThat(fixtures.app.only("orders").event().data()).isEqualTo(new TestApp.Order("o-1", false, false));
        assertThat(fixtures.logLines()).isEmpty();
    }

    @Test
    void throwsARetryableFailureBackAfterLoggingItOnceWithTheEventId() {
        assertThatThrownBy(() -> fixtures.events("orders").accept(order("o-2", "{\"id\":\"o-2\",\"fail\":true}")))
                .isInstanceOf(IllegalStateException.class).hasMessage("order o-2 failed");
        List<JsonNode> lines = fixtures.logLines();
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.path("severity").asText()).isEqualTo("ERROR");
            assertThat(line.path("eventId").asText()).isEqualTo("o-2");
            assertThat(line.path("requestId").asText()).isEqualTo("o-2");
            assertThat(line.path("message").asText()).contains("o-2", "deliver it again");
            assertThat(line.path("stack_trace").asText()).contains("order o-2 failed");
        });
    }

    @Test
    void acknowledgesAFailureThatRetryingCannotFixButLogsIt() throws Exception {
        FnkitCloudEventsFunction orders = fixtures.events("orders");
        orders.accept(order("o-3", "{\"id\":\"o-3\",\"reject\":true}"));
        orders.accept(CloudEvents.pubSub("o-4", "orders-queue", "{\"nothing\":1}").build());
        orders.accept(CloudEvents.storage("o-5", "google.cloud.storage.object.v1.finalized", "b", "{}").build());

        assertThat(fixtures.logLines()).extracting(line -> line.path("message").asText()).containsExactly(
                "Event o-3 was rejected and will not be delivered again: Order o-3 rejected",
                "Event o-4 was rejected and will not be delivered again: The Pub/Sub messagePublished event o-4 has"
                        + " no 'message' in its data",
                "Event o-5 was rejected and will not be delivered again: Function 'orders' (queue orders-queue"
                        + " (batch 10)) takes Pub/Sub google.cloud.pubsub.topic.v1.messagePublished events, not"
                        + " google.cloud.storage.object.v1.finalized (event o-5 from"
                        + " //storage.googleapis.com/projects/_/buckets/b)");
        assertThat(orders.deliver(order("o-6", "{\"id\":\"o-6\",\"reject\":true}"))).isNotNull();
    }

    @Test
    void givesABatchFunctionABatchOfOne() throws Exception {
        fixtures.events("bulk").accept(CloudEvents.pubSubMessage("b-1", "bulk-queue", "good"));
        assertThat(((Body) fixtures.app.only("bulk").event().data()).text()).isEqualTo("good");
        assertThatThrownBy(() -> fixtures.events("bulk").accept(CloudEvents.pubSubMessage("b-2", "bulk-queue",
                "bad"))).hasMessageContaining("reported event b-2 as failed");
    }

    @Test
    void refusesToServeAFunctionThatTakesNoEvents() {
        assertThatThrownBy(() -> fixtures.events("echo"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Function 'echo' is a http function, not an event function")
                .hasMessageContaining("--entry-point dev.fnkit.gcp.FnkitHttpFunction");
    }

    @Test
    void servesCloudEventsOverHttpInBinaryAndStructuredMode() throws Exception {
        CloudEvent event = CloudEvents.pubSubMessage("h-1", "audit-events", "binary");
        dev.fnkit.api.Event<Body> portable = dev.fnkit.api.Event.<Body>builder().id(event.getId())
                .source(event.getSource().toString()).type(event.getType()).time(event.getTime())
                .dataContentType("application/json").rawData(Body.of(event.getData().toBytes())).build();
        HttpResponse binary = fixtures.send("audit", "POST", "/", CloudEventsHttp.binaryHeaders(portable).asMap(),
                portable.rawData().bytes());
        assertThat(binary.status()).isEqualTo(204);

        HttpResponse structured = fixtures.send("audit", "POST", "/", Map.of("Content-Type",
                List.of(CloudEventsHttp.STRUCTURED_CONTENT_TYPE)), CloudEventsHttp.structured(portable
                .toBuilder().id("h-2").build()).bytes());
        assertThat(structured.status()).isEqualTo(204);
        assertThat(fixtures.app.received).extracting(d -> d.event().id()).containsExactly("h-1", "h-2");

        HttpResponse plain = fixtures.send("audit", "POST", "/", Map.of("Content-Type", List.of("application/json")),
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(plain.status()).isEqualTo(415);
        assertThat(Json.tree(plain.body().bytes()).path("detail").asText())
                .contains("--entry-point dev.fnkit.gcp.FnkitCloudEventsFunction");
    }

    @Test
    void takesCloudSchedulerHttpRequestsForSchedules() throws Exception {
        HttpResponse response = fixtures.send("nightly", "POST", "/", "X-CloudScheduler", "true",
                "X-CloudScheduler-JobName", "nightly-job", "X-CloudScheduler-ScheduleTime", "2024-05-06T02:00:00Z");
        assertThat(response.status()).isEqualTo(204);
        ScheduleTick tick = TestApp.tick(fixtures.app.only("nightly"));
        assertThat(tick).isEqualTo(new ScheduleTick("nightly-job", Instant.parse("2024-05-06T02:00:00Z"), false));

        HttpResponse bad = fixtures.send("nightly", "POST", "/", "X-CloudScheduler-JobName", "j",
                "X-CloudScheduler-ScheduleTime", "soon");
        assertThat(bad.status()).isEqualTo(400);
    }
}
