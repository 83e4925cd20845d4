package dev.fnkit.api;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A CloudEvents 1.0 envelope with typed data: what an {@link EventFunction} receives from any provider. The
 * attributes follow the CloudEvents spec; {@link #data()} is the event's data in the type the function declared
 * (a portable record such as {@link QueueMessage}, or a user type decoded from JSON); {@link #rawData()} is the data
 * as it arrived; {@link #nativeEvent(Class)} reaches the provider's own event object.
 *
 * @param <T> the data type
 */
public final class Event<T> {
    /** The CloudEvents version this envelope follows. */
    public static final String SPEC_VERSION = "1.0";

    private final String id;
    private final String source;
    private final String type;
    private final String subject;
    private final OffsetDateTime time;
    private final String dataContentType;
    private final String dataSchema;
    private final Map<String, Object> extensions;
    private final T data;
    private final Body rawData;
    private final Object nativeEvent;

    private Event(Builder<T> b) {
        this.id = require(b.id, "id");
        this.source = require(b.source, "source");
        this.type = require(b.type, "type");
        this.subject = b.subject;
        this.time = b.time;
        this.dataContentType = b.dataContentType;
        this.dataSchema = b.dataSchema;
        this.extensions = b.extensions.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.extensions));
        this.data = b.data;
        this.rawData = b.rawData;
        this.nativeEvent = b.nativeEvent;
    }

    private static String require(String value, String attribute) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("CloudEvents attribute '" + attribute + "' is required");
        }
        return value;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** A builder with every attribute of this event. */
    public Builder<T> toBuilder() {
        return copyEnvelope(new Builder<T>()).data(data);
    }

    /** The same envelope carrying other data. */
    public <U> Event<U> withData(U newData) {
        return copyEnvelope(new Builder<U>()).data(newData).build();
    }

    private <U> Builder<U> copyEnvelope(Builder<U> b) {
        b.id = id;
        b.source = source;
        b.type = type;
        b.subject = subject;
        b.time = time;
        b.dataContentType = dataContentType;
        b.dataSchema = dataSchema;
        b.extensions.putAll(extensions);
        b.rawData = rawData;
        b.nativeEvent = nativeEvent;
        return b;
    }

    /** Identifies the event; unique per source. Batch failures are reported by this id. */
    public String id() {
        return id;
    }

    /** The context in which the event happened, a URI-reference. */
    public String source() {
        return source;
    }

    /** The kind of event, e.g. {@code google.cloud.pubsub.topic.v1.messagePublished}. */
    public String type() {
        return type;
    }

    public String specVersion() {
        return SPEC_VERSION;
    }

    /** The subject within the source (e.g. an object key), when there is one. */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    public Optional<OffsetDateTime> time() {
        return Optional.ofNullable(time);
    }

    public Optional<String> dataContentType() {
        return Optional.ofNullable(dataContentType);
    }

    public Optional<String> dataSchema() {
        return Optional.ofNullable(dataSchema);
    }

    /** Extension attributes (lower-case names), e.g. {@code traceparent}. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    public Optional<Object> extension(String name) {
        return Optional.ofNullable(extensions.get(name));
    }

    /** The data in the declared type; null for an event without data. */
    public T data() {
        return data;
    }

    /** The data as it arrived, before decoding. */
    public Body rawData() {
        return rawData;
    }

    /** The provider's own event object (an {@code SQSEvent.SQSMessage}, a {@code CloudEvent}, ...), if it is one. */
    public <N> Optional<N> nativeEvent(Class<N> nativeType) {
        return nativeType.isInstance(nativeEvent) ? Optional.of(nativeType.cast(nativeEvent)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "Event[id=" + id + ", source=" + source + ", type=" + type
                + (subject == null ? "" : ", subject=" + subject) + "]";
    }

    /** Builds an {@link Event}; {@code id}, {@code source} and {@code type} are required. */
    public static final class Builder<T> {
        private String id;
        private String source;
        private String type;
        private String subject;
        private OffsetDateTime time;
        private String dataContentType;
        private String dataSchema;
        private final Map<String, Object> extensions = new LinkedHashMap<>();
        private T data;
        private Body rawData = Body.EMPTY;
        private Object nativeEvent;

        private Builder() {
        }

        public Builder<T> id(String id) {
            this.id = id;
            return this;
        }

        public Builder<T> source(String source) {
            this.source = source;
            return this;
        }

        public Builder<T> type(String type) {
            this.type = type;
            return this;
        }

        public Builder<T> subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder<T> time(OffsetDateTime time) {
            this.time = time;
            return this;
        }

        public Builder<T> dataContentType(String dataContentType) {
            this.dataContentType = dataContentType;
            return this;
        }

        public Builder<T> dataSchema(String dataSchema) {
            this.dataSchema = dataSchema;
            return this;
        }

        public Builder<T> extension(String name, Object value) {
            Objects.requireNonNull(name, "name");
            if (value == null) {
                extensions.remove(name);
            } else {
                extensions.put(name, value);
            }
            return this;
        }

        public Builder<T> data(T data) {
            this.data = data;
            return this;
        }

        public Builder<T> rawData(Body rawData) {
            this.rawData = rawData == null ? Body.EMPTY : rawData;
            return this;
        }

        public Builder<T> nativeEvent(Object nativeEvent) {
            this.nativeEvent = nativeEvent;
            return this;
        }

        /** @throws IllegalArgumentException naming the missing required attribute */
        public Event<T> build() {
            return new Event<>(this);
        }
    }
}
