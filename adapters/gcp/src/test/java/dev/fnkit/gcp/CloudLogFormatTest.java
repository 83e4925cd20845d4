package dev.fnkit.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import dev.fnkit.core.LineLogger;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CloudLogFormatTest {
    private static JsonNode line(LineLogger.Level level, String message, Throwable error, Map<String, Object> fields) {
        String text = CloudLogFormat.INSTANCE.format(Instant.parse("2024-01-02T03:04:05.006Z"), level, message, error,
                fields);
        assertThat(text).doesNotContain("\n");
        return Json.tree(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesOneJsonObjectWithCloudLoggingFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(CloudLogFormat.TRACE, "projects/p/traces/t");
        fields.put("requestId", "r-1");
        JsonNode json = line(LineLogger.Level.INFO, "multi\nline \"quoted\"", null, fields);
        assertThat(json.toString()).isEqualTo("{\"severity\":\"INFO\",\"message\":\"multi\\nline \\\"quoted\\\"\","
                + "\"time\":\"2024-01-02T03:04:05.006Z\",\"logging.googleapis.com/trace\":\"projects/p/traces/t\","
                + "\"requestId\":\"r-1\"}");
    }

    @Test
    void namesSeveritiesAsCloudLoggingDoes() {
        assertThat(CloudLogFormat.severity(LineLogger.Level.DEBUG)).isEqualTo("DEBUG");
        assertThat(CloudLogFormat.severity(LineLogger.Level.INFO)).isEqualTo("INFO");
        assertThat(CloudLogFormat.severity(LineLogger.Level.WARN)).isEqualTo("WARNING");
        assertThat(CloudLogFormat.severity(LineLogger.Level.ERROR)).isEqualTo("ERROR");
    }

    @Test
    void addsTheStackTraceForErrorReporting() {
        JsonNode json = line(LineLogger.Level.ERROR, "failed", new IllegalStateException("boom"), Map.of());
        assertThat(json.path("severity").asText()).isEqualTo("ERROR");
        assertThat(json.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.path("stack_trace").asText()).startsWith("java.lang.IllegalStateException: boom")
                .contains("\tat dev.fnkit.gcp.CloudLogFormatTest");
    }
}
