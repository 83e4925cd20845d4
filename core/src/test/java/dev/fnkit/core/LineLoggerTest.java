package dev.fnkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LineLoggerTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private LineLogger logger(LogFormat format, LineLogger.Level level) {
        return new LineLogger(new PrintStream(out, true, StandardCharsets.UTF_8), format, level,
                Map.of("requestId", "r1"), clock);
    }

    @Test
    void textLinesCarryFields() {
        logger(LogFormat.TEXT, LineLogger.Level.INFO).with("order", 7).info("done");
        assertThat(out.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("2026-01-01T00:00:00Z INFO done requestId=r1 order=7");
    }

    @Test
    void jsonLinesAreOneObjectEach() {
        LineLogger log = logger(LogFormat.JSON, LineLogger.Level.DEBUG);
        log.debug("a \"quoted\"\nmessage");
        log.error("failed", new IllegalStateException("why"));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = Json.tree(lines[0].getBytes(StandardCharsets.UTF_8));
        assertThat(first.get("level").asText()).isEqualTo("DEBUG");
        assertThat(first.get("message").asText()).isEqualTo("a \"quoted\"\nmessage");
        assertThat(first.get("requestId").asText()).isEqualTo("r1");
        JsonNode second = Json.tree(lines[1].getBytes(StandardCharsets.UTF_8));
        assertThat(second.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(second.get("stackTrace").asText()).contains("why");
    }

    @Test
    void levelsBelowTheMinimumAreDropped() {
        LineLogger log = logger(LogFormat.TEXT, LineLogger.Level.WARN);
        log.info("no");
        log.debug("no");
        log.warn("yes");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("no").contains("yes");
    }

    @Test
    void customJsonFieldNames() {
        new LineLogger(new PrintStream(out, true, StandardCharsets.UTF_8), LogFormat.json("severity", "time"),
                LineLogger.Level.INFO, Map.of(), clock).warn("w");
        JsonNode line = Json.tree(out.toByteArray());
        assertThat(line.get("severity").asText()).isEqualTo("WARN");
        assertThat(line.get("time").asText()).isEqualTo("2026-01-01T00:00:00Z");
    }
}
