package dev.fnkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.spi.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {
    record Point(int x, int y, Instant at) {
    }

    record Times(LocalDate day, OffsetDateTime at, Duration took, ZoneId zone, Month month,
                 Map<LocalDate, String> byDay) {
    }

    record Maybe(Optional<String> name, OptionalInt count, Optional<Instant> seen) {
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
    void javaTimeValuesKeysAndEnumsRoundTripAsIsoStrings() {
        Times t = new Times(LocalDate.of(2026, 3, 1), OffsetDateTime.parse("2026-03-01T10:15:30+02:00"),
                Duration.ofSeconds(90), ZoneId.of("Europe/Paris"), Month.MARCH,
                Map.of(LocalDate.of(2026, 3, 2), "monday"));
        String json = new String(Json.encode(t), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"day\":\"2026-03-01\",\"at\":\"2026-03-01T10:15:30+02:00\","
                + "\"took\":90.000000000,\"zone\":\"Europe/Paris\",\"month\":\"MARCH\","
                + "\"byDay\":{\"2026-03-02\":\"monday\"}}");
        Times back = Json.decode(json.getBytes(StandardCharsets.UTF_8), Times.class);
        assertThat(back.at()).isAtSameInstantAs(t.at());
        assertThat(back).usingRecursiveComparison().ignoringFields("at").isEqualTo(t);
        assertThat(Json.convert(Map.of("day", "2026-03-01"), Times.class).day()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThatThrownBy(() -> Json.decode("{\"day\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8),
                Times.class)).isInstanceOf(FunctionException.class).hasMessageContaining("does not match Times");
    }

    @Test
    void optionalsAreTheirValueOrNull() {
        Maybe some = new Maybe(Optional.of("Ada"), OptionalInt.of(3), Optional.of(Instant.parse("2026-01-01T00:00:00Z")));
        String json = new String(Json.encode(some), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"name\":\"Ada\",\"count\":3,\"seen\":\"2026-01-01T00:00:00Z\"}");
        assertThat(Json.decode(json.getBytes(StandardCharsets.UTF_8), Maybe.class)).isEqualTo(some);
        Maybe none = Json.decode("{\"name\":null}".getBytes(StandardCharsets.UTF_8), Maybe.class);
        assertThat(none.name()).isEmpty();
        assertThat(new String(Json.encode(Optional.empty()), StandardCharsets.UTF_8)).isEqualTo("null");
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
