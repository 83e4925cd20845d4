package dev.fnkit.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTest {
    private final QueueMessage message = new QueueMessage("m1", "orders", Body.of("{\"id\":1}"),
            Map.of("k", "v"), 2, Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void requiredAttributesAreNamedWhenMissing() {
        assertThatThrownBy(() -> Event.builder().source("s").type("t").build())
                .hasMessageContaining("'id'");
        assertThatThrownBy(() -> Event.builder().id("1").type("t").build()).hasMessageContaining("'source'");
        assertThatThrownBy(() -> Event.builder().id("1").source("s").build()).hasMessageContaining("'type'");
    }

    @Test
    void carriesAttributesDataAndNativeEvent() {
        OffsetDateTime time = OffsetDateTime.parse("2026-01-01T10:00:00+02:00");
        Event<QueueMessage> event = Event.<QueueMessage>builder().id("m1").source("arn:aws:sqs:x").type("sqs")
                .subject("orders").time(time).dataContentType("application/json").dataSchema("urn:s")
                .extension("traceparent", "00-x").data(message).rawData(message.body()).nativeEvent(42).build();
        assertThat(event.specVersion()).isEqualTo("1.0");
        assertThat(event.subject()).contains("orders");
        assertThat(event.time()).contains(time);
        assertThat(event.dataContentType()).contains("application/json");
        assertThat(event.dataSchema()).contains("urn:s");
        assertThat(event.extension("traceparent")).contains("00-x");
        assertThat(event.data().deliveryCount()).isEqualTo(2);
        assertThat(event.rawData().text()).isEqualTo("{\"id\":1}");
        assertThat(event.nativeEvent(Integer.class)).contains(42);
        assertThat(event.nativeEvent(String.class)).isEmpty();
    }

    @Test
    void withDataKeepsTheEnvelope() {
        Event<QueueMessage> event = Event.<QueueMessage>builder().id("m1").source("s").type("t").data(message)
                .extension("a", "b").build();
        Event<String> text = event.withData("x");
        assertThat(text.data()).isEqualTo("x");
        assertThat(text.id()).isEqualTo("m1");
        assertThat(text.extensions()).isEqualTo(Map.of("a", "b"));
    }

    @Test
    void recordsCopyTheirMapsAndDefaultTheirBodies() {
        var attributes = new java.util.HashMap<String, String>(Map.of("a", "1"));
        TopicMessage topic = new TopicMessage("1", "t", null, attributes, null, null);
        attributes.put("b", "2");
        assertThat(topic.attributes()).isEqualTo(Map.of("a", "1"));
        assertThat(topic.body()).isEqualTo(Body.EMPTY);
        assertThat(new StreamRecord("s", "p", "1", Body.of("x"), null, null).text()).isEqualTo("x");
        ChangeRecord change = new ChangeRecord("t", ChangeType.REMOVE, Map.of("id", 1), null, Map.of("id", 1), "9",
                null);
        assertThat(change.newImage()).isEmpty();
        assertThat(change.oldImage()).containsEntry("id", 1);
    }

    @Test
    void bodyEqualityIsByContent() {
        assertThat(Body.of(new byte[] {1, 2})).isEqualTo(Body.of(new byte[] {1, 2}))
                .hasSameHashCodeAs(Body.of(new byte[] {1, 2}));
        assertThat(Body.of("")).isSameAs(Body.EMPTY);
    }
}
