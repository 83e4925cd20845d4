package dev.fnkit.api;

/** What kind of change a {@link ChangeRecord} reports. */
public enum ChangeType {
    INSERT,
    MODIFY,
    REMOVE
}
