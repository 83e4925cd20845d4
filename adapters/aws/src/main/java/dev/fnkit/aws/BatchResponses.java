package dev.fnkit.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.BatchResult;
import dev.fnkit.core.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The partial batch response of SQS, Kinesis and DynamoDB Streams event source mappings with
 * {@code ReportBatchItemFailures}: {@code {"batchItemFailures":[{"itemIdentifier":"<id>"}]}}, the id being the SQS
 * message id or the stream record's sequence number. An empty list means the whole batch succeeded.
 */
final class BatchResponses {
    private BatchResponses() {
    }

    static void write(BatchResult result, OutputStream out) throws IOException {
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("batchItemFailures");
            for (String id : result.failedItemIds()) {
                json.writeStartObject();
                json.writeStringField("itemIdentifier", id);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** The failed item ids of a partial batch response. */
    static List<String> read(JsonNode response) {
        List<String> ids = new ArrayList<>();
        JsonNode failures = response == null ? null : response.get("batchItemFailures");
        if (failures != null && failures.isArray()) {
            for (JsonNode failure : failures) {
                JsonNode id = failure.get("itemIdentifier");
                if (id != null && !id.isNull()) {
                    ids.add(id.asText());
                }
            }
        }
        return ids;
    }
}
