package dev.fnkit.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A change to an object in a bucket: S3, Cloud Storage, Azure Blob Storage.
 *
 * @param bucket      the bucket (or container)
 * @param key         the object's key, decoded (S3's {@code +} for space already turned back into a space)
 * @param change      what happened
 * @param size        the size in bytes, or -1 when unknown (e.g. deleted)
 * @param contentType the content type, or null
 * @param etag        the entity tag, or null
 * @param version     the version or generation, or null
 * @param time        when it happened, or null
 */
public record StorageObjectEvent(String bucket, String key, StorageChange change, long size, String contentType,
                                 String etag, String version, Instant time) {
    public StorageObjectEvent {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(change, "change");
    }
}
