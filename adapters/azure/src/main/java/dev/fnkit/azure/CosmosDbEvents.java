package dev.fnkit.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.ChangeType;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Azure Cosmos DB trigger (change feed, latest-version mode) → a batch of {@link ChangeRecord}. The trigger data is
 * a JSON array of the changed documents as they are now. That mode does not say whether a document was inserted or
 * replaced and does not deliver deletions, so every record is {@link ChangeType#MODIFY} with the document (without
 * Cosmos DB's system properties {@code _rid}, {@code _self}, {@code _etag}, {@code _attachments}, {@code _ts},
 * {@code _lsn}) as the new image, keys {@code {"id": ...}}, sequence number {@code _lsn} and time {@code _ts}. The
 * event id is {@code <id>@<_lsn>}. CloudEvents source {@code azure:cosmos-db:<container>}, type {@value #TYPE}.
 */
final class CosmosDbEvents {
    static final String TYPE = "com.microsoft.azure.cosmosdb.change";
    static final Set<String> SYSTEM_PROPERTIES = Set.of("_rid", "_self", "_etag", "_attachments", "_ts", "_lsn");

    private CosmosDbEvents() {
    }

    static List<Event<?>> read(FunctionDefinition function, String documents, String invocationId) {
        String container = ((Trigger.Change) function.trigger()).source();
        JsonNode array = Json.tree(documents == null ? new byte[0] : documents.getBytes(StandardCharsets.UTF_8));
        if (array.isTextual()) {
            array = Json.tree(array.asText().getBytes(StandardCharsets.UTF_8));
        }
        if (array.isObject()) {
            array = JsonNodeFactory.instance.arrayNode().add(array);
        }
        if (!array.isArray()) {
            throw FunctionException.badRequest("malformed-event", "Function '" + function.name()
                    + "' expected a JSON array of Cosmos DB documents");
        }
        List<Event<?>> events = new ArrayList<>(array.size());
        int index = 0;
        for (JsonNode document : array) {
            String id = TriggerMetadata.field(document, "id");
            String lsn = TriggerMetadata.field(document, "_lsn");
            JsonNode ts = document.get("_ts");
            Instant time = ts != null && ts.canConvertToLong() ? Instant.ofEpochSecond(ts.asLong()) : null;
            Map<String, Object> image = new LinkedHashMap<>();
            document.fields().forEachRemaining(e -> {
                if (!SYSTEM_PROPERTIES.contains(e.getKey())) {
                    image.put(e.getKey(), Json.convert(e.getValue(), Object.class));
                }
            });
            Map<String, Object> keys = new LinkedHashMap<>();
            if (id != null) {
                keys.put("id", id);
            }
            ChangeRecord record = new ChangeRecord(container, ChangeType.MODIFY, keys, image, Map.of(), lsn, time);
            String eventId = (id == null ? invocationId + "-" + index : id) + (lsn == null ? "" : "@" + lsn);
            events.add(Events.envelope(eventId, "azure:cosmos-db:" + container, TYPE, id, time, record,
                    Body.of(Json.encode(document)), document));
            index++;
        }
        return events;
    }

    /**
     * The trigger data for these portable changes. Removals are left out: the latest-version change feed never
     * delivers them.
     */
    static String toNative(List<Event<?>> events) {
        ArrayNode documents = JsonNodeFactory.instance.arrayNode();
        long lsn = 1;
        for (Event<?> event : events) {
            ChangeRecord change = (ChangeRecord) event.data();
            if (change.type() == ChangeType.REMOVE) {
                continue;
            }
            ObjectNode document = documents.addObject();
            Object id = change.keys().getOrDefault("id", change.newImage().get("id"));
            document.put("id", id == null ? event.id() : String.valueOf(id));
            change.keys().forEach((k, v) -> document.set(k, Json.mapper().valueToTree(v)));
            change.newImage().forEach((k, v) -> document.set(k, Json.mapper().valueToTree(v)));
            document.put("id", id == null ? event.id() : String.valueOf(id));
            Instant time = change.time() != null ? change.time()
                    : event.time().map(Instant::from).orElseGet(Instant::now);
            document.put("_rid", "AAAAAAAAAAAB" + lsn + "==");
            document.put("_self", "dbs/AAAAAA==/colls/AAAAAAAAAAA=/docs/AAAAAAAAAAAB" + lsn + "==/");
            document.put("_etag", "\"0000" + Long.toHexString(lsn) + "-0000-0000-0000-000000000000\"");
            document.put("_attachments", "attachments/");
            document.put("_ts", time.getEpochSecond());
            document.put("_lsn", change.sequenceNumber() != null && change.sequenceNumber().matches("\\d+")
                    ? Long.parseLong(change.sequenceNumber()) : lsn);
            lsn++;
        }
        return documents.toString();
    }
}
