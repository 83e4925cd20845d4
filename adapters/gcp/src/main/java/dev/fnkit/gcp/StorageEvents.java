package dev.fnkit.gcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import io.cloudevents.CloudEvent;

import java.time.Instant;
import java.util.Map;

/**
 * Cloud Storage {@code google.cloud.storage.object.v1.*} events: the object's JSON metadata (bucket, name, size as a
 * string, contentType, etag, generation, timeCreated, updated) becomes a {@link StorageObjectEvent}.
 */
final class StorageEvents {
    static final String TYPE_PREFIX = "google.cloud.storage.object.v1.";
    static final String WHAT = "Cloud Storage object event";

    private static final Map<StorageChange, String> TYPES = Map.of(
            StorageChange.CREATED, TYPE_PREFIX + "finalized",
            StorageChange.DELETED, TYPE_PREFIX + "deleted",
            StorageChange.ARCHIVED, TYPE_PREFIX + "archived",
            StorageChange.METADATA_UPDATED, TYPE_PREFIX + "metadataUpdated");

    private StorageEvents() {
    }

    /** The CloudEvents type GCP uses for a change. */
    static String type(StorageChange change) {
        return TYPES.get(change);
    }

    /** The change a CloudEvents type reports, or null for a type that is not a Cloud Storage object event. */
    static StorageChange change(String type) {
        for (Map.Entry<StorageChange, String> entry : TYPES.entrySet()) {
            if (entry.getValue().equals(type)) {
                return entry.getKey();
            }
        }
        return null;
    }

    /**
     * The object event; bucket and name fall back to the event's source ({@code .../buckets/B}) and subject
     * ({@code objects/NAME}).
     *
     * @throws dev.fnkit.api.FunctionException 400 {@code malformed-event} naming the missing or invalid field
     */
    static StorageObjectEvent read(CloudEvent event, StorageChange change) {
        EventFields fields = new EventFields(WHAT, event);
        ObjectNode data = fields.object();
        String bucket = fields.text(data, "bucket", "bucket");
        if (bucket == null || bucket.isEmpty()) {
            bucket = EventFields.after(event.getSource().toString(), "/buckets/");
        }
        if (bucket == null) {
            throw fields.malformed("has no 'bucket' in its data (nor a source ending in /buckets/<bucket>)");
        }
        String name = fields.text(data, "name", "name");
        if ((name == null || name.isEmpty()) && event.getSubject() != null && event.getSubject().startsWith("objects/")) {
            name = event.getSubject().substring("objects/".length());
        }
        if (name == null || name.isEmpty()) {
            throw fields.malformed("has no 'name' in its data (nor a subject objects/<name>)");
        }
        Instant time = fields.instant(data, "updated", "updated");
        if (time == null) {
            time = fields.instant(data, "timeCreated", "timeCreated");
        }
        if (time == null && event.getTime() != null) {
            time = event.getTime().toInstant();
        }
        return new StorageObjectEvent(bucket, name, change, fields.number(data, "size", "size", -1),
                fields.text(data, "contentType", "contentType"), fields.text(data, "etag", "etag"),
                fields.text(data, "generation", "generation"), time);
    }
}
