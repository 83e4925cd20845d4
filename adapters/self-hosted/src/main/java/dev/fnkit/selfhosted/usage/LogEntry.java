package dev.fnkit.selfhosted.usage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.core.Json;

import java.time.Instant;

/**
 * One captured line.
 *
 * @param seq       increases with each line, across functions
 * @param time      when the gateway captured it
 * @param function  the function whose instance printed it (or whose invocation it records)
 * @param instance  the instance's id
 * @param stream    {@code stdout}, {@code stderr} or {@code access}
 * @param requestId the request id it carries, or null
 * @param line      the line
 */
record LogEntry(long seq, Instant time, String function, String instance, String stream, String requestId,
                String line) {
    ObjectNode json() {
        ObjectNode node = Json.mapper().createObjectNode().put("seq", seq).put("time", time.toString())
                .put("function", function).put("instance", instance).put("stream", stream);
        if (requestId != null) {
            node.put("requestId", requestId);
        }
        return node.put("line", line);
    }
}
