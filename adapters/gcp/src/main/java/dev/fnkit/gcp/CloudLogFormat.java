package dev.fnkit.gcp;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.fnkit.core.Json;
import dev.fnkit.core.LineLogger;
import dev.fnkit.core.LogFormat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per line as Cloud Logging parses structured logs from stdout: {@code severity} (Cloud Logging's
 * names: {@code WARN} is written {@code WARNING}), {@code message}, {@code time}, the invocation's fields (among them
 * {@code logging.googleapis.com/trace}), and for errors {@code stack_trace}, which Error Reporting reads.
 */
final class CloudLogFormat implements LogFormat {
    static final CloudLogFormat INSTANCE = new CloudLogFormat();

    static final String TRACE = "logging.googleapis.com/trace";
    static final String SPAN_ID = "logging.googleapis.com/spanId";
    static final String TRACE_SAMPLED = "logging.googleapis.com/trace_sampled";

    private CloudLogFormat() {
    }

    static String severity(LineLogger.Level level) {
        return level == LineLogger.Level.WARN ? "WARNING" : level.name();
    }

    @Override
    public String format(Instant time, LineLogger.Level level, String message, Throwable error,
                         Map<String, Object> fields) {
        StringWriter out = new StringWriter(160);
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("severity", severity(level));
            json.writeStringField("message", message);
            json.writeStringField("time", time.toString());
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                json.writeFieldName(field.getKey());
                Json.mapper().writeValue(json, field.getValue());
            }
            if (error != null) {
                StringWriter trace = new StringWriter();
                error.printStackTrace(new PrintWriter(trace));
                json.writeStringField("errorType", error.getClass().getName());
                json.writeStringField("stack_trace", trace.toString());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
