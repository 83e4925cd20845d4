package dev.fnkit.gcp;

import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.core.Application;
import dev.fnkit.core.FunctionDefinition;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PubSubEventsTest {
    private final Application application = TestApp.application();

    private Event<?> map(String function, CloudEvent event) {
        FunctionDefinition definition = application.function(function).orElseThrow();
        return GcpEvents.toEvent(definition, event, Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void mapsATopicMessage() {
        CloudEvent cloudEvent = CloudEvents.pubSubMessage("m-1", "audit-events", "hello audit");
        Event<?> event = map("audit", cloudEvent);

        TopicMessage message = (TopicMessage) event.data();
        assertThat(message.id()).isEqualTo("m-1");
        assertThat(message.topic()).isEqualTo("audit-events");
        assertThat(message.text()).isEqualTo("hello audit");
        assertThat(message.attributes()).isEqualTo(Map.of("k", "v"));
        assertThat(message.publishedAt()).isEqualTo(Instant.parse(CloudEvents.TIME));
        assertThat(message.subscription()).isEqualTo("projects/test-project/subscriptions/audit-events-sub");
        assertThat(event.id()).isEqualTo("m-1");
        assertThat(event.type()).isEqualTo(PubSubEvents.MESSAGE_PUBLISHED);
        assertThat(event.source()).isEqualTo("//pubsub.googleapis.com/projects/test-project/topics/audit-events");
        assertThat(event.nativeEvent(CloudEvent.class)).containsSame(cloudEvent);
        assertThat(event.rawData().text()).contains("\"message\"");
    }

    @Test
    void keepsEnvelopeAttributesAndExtensions() {
        CloudEvent cloudEvent = CloudEvents.pubSub("m-2", "audit-events", "{\"message\":{}}")
                .withSubject("subject-1").withExtension("traceparent",
                        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .withExtension("attempt", 3).build();
        Event<?> event = map("audit", cloudEvent);
        assertThat(event.subject()).contains("subject-1");
        assertThat(event.time().map(Object::toString)).contains("2024-05-06T07:08:09.123Z");
        assertThat(event.dataContentType()).contains("application/json");
        assertThat(event.extensions()).containsEntry("attempt", 3)
                .containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        TopicMessage message = (TopicMessage) event.data();
        assertThat(message.id()).isEqualTo("m-2");
        assertThat(message.body().isEmpty()).isTrue();
        assertThat(message.publishedAt()).isEqualTo(Instant.parse(CloudEvents.TIME));
    }

    @Test
    void mapsQueueStreamAndScheduleTriggersDeliveredThroughPubSub() {
        CloudEvent queued = CloudEvents.pubSub("q-1", "orders-queue", "{\"message\":{\"data\":\""
                + CloudEvents.base64("{}") + "\",\"message_id\":\"q-1\",\"publish_time\":\"" + CloudEvents.TIME
                + "\"},\"deliveryAttempt\":4}").build();
        QueueMessage queue = (QueueMessage) map("raw", queued).data();
        assertThat(queue.queue()).isEqualTo("orders-queue");
        assertThat(queue.deliveryCount()).isEqualTo(4);
        assertThat(queue.sentAt()).isEqualTo(Instant.parse(CloudEvents.TIME));

        CloudEvent clicked = CloudEvents.pubSub("c-1", "clicks", "{\"message\":{\"data\":\""
                + CloudEvents.base64("click") + "\",\"orderingKey\":\"user-7\"}}").build();
        StreamRecord record = (StreamRecord) map("clicks", clicked).data();
        assertThat(record.stream()).isEqualTo("clicks");
        assertThat(record.partitionKey()).isEqualTo("user-7");
        assertThat(record.sequenceNumber()).isEqualTo("c-1");
        assertThat(record.text()).isEqualTo("click");

        CloudEvent scheduled = CloudEvents.pubSubMessage("s-1", "fnkit-schedule-nightly", "{\"schedule\":\"x\"}");
        ScheduleTick tick = (ScheduleTick) map("nightly", scheduled).data();
        assertThat(tick).isEqualTo(new ScheduleTick("nightly", Instant.parse(CloudEvents.TIME), false));
    }

    @Test
    void rejectsMalformedMessagesNamingTheField() {
        assertThatThrownBy(() -> map("audit", CloudEvents.pubSub("x-1", "audit-events", "{\"subscription\":\"s\"}")
                .build()))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("malformed-event");
                })
                .hasMessage("The Pub/Sub messagePublished event x-1 has no 'message' in its data");
        assertThatThrownBy(() -> map("audit", CloudEvents.pubSub("x-2", "audit-events",
                "{\"message\":{\"data\":\"%%%\"}}").build()))
                .hasMessageContaining("Pub/Sub messagePublished event x-2 has a 'message.data' that is not base64");
        assertThatThrownBy(() -> map("audit", CloudEvents.pubSub("x-3", "audit-events", "not json").build()))
                .hasMessageContaining("Pub/Sub messagePublished event x-3 has data that is not valid JSON");
        assertThatThrownBy(() -> map("audit", CloudEvents.pubSub("x-4", "audit-events",
                "{\"message\":{\"publishTime\":\"yesterday\"}}").build()))
                .hasMessageContaining("'message.publishTime' that is not an RFC 3339 timestamp");
        assertThatThrownBy(() -> map("audit", CloudEvents.pubSub("x-5", "audit-events", "{}").withoutData()
                .build()))
                .hasMessage("The Pub/Sub messagePublished event x-5 has no data");
    }

    @Test
    void rejectsAnEventTypeTheTriggerDoesNotReceive() {
        CloudEvent storage = CloudEvents.storage("u-1", "google.cloud.storage.object.v1.finalized", "uploads",
                "{}").build();
        assertThatThrownBy(() -> map("audit", storage))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("unexpected-event-type");
                })
                .hasMessageContaining("Function 'audit' (topic audit-events) takes Pub/Sub "
                        + "google.cloud.pubsub.topic.v1.messagePublished events, not "
                        + "google.cloud.storage.object.v1.finalized");
    }
}
