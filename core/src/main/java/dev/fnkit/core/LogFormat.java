package dev.fnkit.core;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/** How a {@link LineLogger} writes one line: plain text for people, or one JSON object for log services. */
public interface LogFormat {
    /** Formats one line (without the line break). */
    String format(Instant time, LineLogger.Level level, String message, Throwable error, Map<String, Object> fields);

    /** {@code 2026-01-01T00:00:00Z INFO message key=value ...}, the stack trace on following lines. */
    LogFormat TEXT = (time, level, message, error, fields) -> {
        StringBuilder out = new StringBuilder(96).append(time).append(' ').append(level).append(' ').append(message);
        fields.forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            out.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        return out.toString();
    };

    /** {@code {"timestamp":...,"level":"INFO","message":...,<fields>,"stackTrace":...}}. */
    LogFormat JSON = json("level", "timestamp");

    /**
     * A JSON format with these names for the level and time fields (e.g. {@code severity} for Cloud Logging).
     */
    static LogFormat json(String levelField, String timeField) {
        return (time, level, message, error, fields) -> {
            StringWriter out = new StringWriter(128);
            try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
                json.writeStartObject();
                json.writeStringField(timeField, time.toString());
                json.writeStringField(levelField, level.name());
                json.writeStringField("message", message);
                for (Map.Entry<String, Object> field : fields.entrySet()) {
                    json.writeFieldName(field.getKey());
                    Json.mapper().writeValue(json, field.getValue());
                }
                if (error != null) {
                    json.writeStringField("errorType", error.getClass().getName());
                    StringWriter trace = new StringWriter();
                    error.printStackTrace(new PrintWriter(trace));
                    json.writeStringField("stackTrace", trace.toString());
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        };
    }
}
