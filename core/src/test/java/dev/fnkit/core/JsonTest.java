package dev.fnkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.spi.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {
    record Point(int x, int y, Instant at) {
    }

    @Test
    void theApiFindsThisCodec() {
        assertThat(JsonCodec.get()).isInstanceOf(Json.class);
        assertThat(HttpResponse.json(Map.of("a", 1)).bodyText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void recordsAndTimesRoundTripAndUnknownPropertiesAreIgnored() {
        Point p = Json.decode("{\"x\":1,\"y\":2,\"at\":\"2026-01-01T00:00:00Z\",\"extra\":true}"
                .getBytes(StandardCharsets.UTF_8), Point.class);
        assertThat(p).isEqualTo(new Point(1, 2, Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(new String(Json.encode(p), StandardCharsets.UTF_8))
                .isEqualTo("{\"x\":1,\"y\":2,\"at\":\"2026-01-01T00:00:00Z\"}");
    }

    @Test
    void malformedJsonIsA400WithLocation() {
        assertThatThrownBy(() -> Json.decode("{\"x\":".getBytes(StandardCharsets.UTF_8), Point.class))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("malformed-json");
                    assertThat(e.getMessage()).contains("line 1");
                });
        assertThatThrownBy(() -> Json.decode("{\"x\":\"abc\"}".getBytes(StandardCharsets.UTF_8), Point.class))
                .isInstanceOf(FunctionException.class).hasMessageContaining("does not match Point");
        assertThatThrownBy(() -> Json.decode(new byte[0], Point.class)).hasMessageContaining("body is empty");
    }

    @Test
    void deepNestingIsRejected() {
        byte[] deep = "[".repeat(5000).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.decode(deep, JsonNode.class)).isInstanceOf(FunctionException.class);
    }

    @Test
    void bodyIsBase64InJson() {
        QueueMessage m = new QueueMessage("1", "q", Body.of(new byte[] {0, (byte) 0xff}), Map.of(), 1, null);
        byte[] json = Json.encode(m);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"body\":\"AP8=\"");
        assertThat(Json.decode(json, QueueMessage.class)).isEqualTo(m);
    }

    @Test
    void bodyAndBytesPassThrough() {
        byte[] raw = {1, 2, 3};
        assertThat(Json.decode(raw, byte[].class)).isSameAs(raw);
        assertThat(Json.decode(raw, Body.class).bytes()).isSameAs(raw);
    }
}
