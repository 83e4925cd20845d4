package dev.fnkit.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A change to a document or row: DynamoDB Streams, Firestore, Cosmos DB change feed. Keys and images are plain JSON
 * values (maps, lists, strings, numbers, booleans, null); provider encodings such as DynamoDB's attribute values are
 * already unwrapped.
 *
 * @param source         the table or collection
 * @param type           insert, modify or remove
 * @param keys           the item's key attributes
 * @param newImage       the item after the change; empty for a remove or when not captured
 * @param oldImage       the item before the change; empty for an insert or when not captured
 * @param sequenceNumber the change's position in the stream, or null
 * @param time           when the change happened, or null
 */
public record ChangeRecord(String source, ChangeType type, Map<String, Object> keys, Map<String, Object> newImage,
                           Map<String, Object> oldImage, String sequenceNumber, Instant time) {
    public ChangeRecord {
        Objects.requireNonNull(type, "type");
        keys = Attributes.copy(keys);
        newImage = Attributes.copy(newImage);
        oldImage = Attributes.copy(oldImage);
    }
}
