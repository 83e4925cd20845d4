package dev.fnkit.api;

/** What happened to a stored object. */
public enum StorageChange {
    /** Created or overwritten. */
    CREATED,
    /** Deleted. */
    DELETED,
    /** Moved to an archive storage class, or a non-current version kept. */
    ARCHIVED,
    /** Metadata changed, content unchanged. */
    METADATA_UPDATED
}
