package dev.fnkit.core;

import dev.fnkit.api.Body;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.api.Trigger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/**
 * Turns events into the data type a function declared: the portable record of its trigger, the record's payload as
 * {@link Body}, {@code String} or {@code byte[]}, or a class decoded from the payload's JSON. Also wraps plain JSON
 * data (as the local runner and self-hosted runtime receive it) into the portable record of a trigger.
 */
public final class EventData {
    private static final Set<Class<?>> RECORD_TYPES = Set.of(QueueMessage.class, TopicMessage.class,
            StorageObjectEvent.class, ScheduleTick.class, StreamRecord.class, ChangeRecord.class);

    private EventData() {
    }

    /** The portable record a trigger delivers. */
    public static Class<?> recordType(Trigger trigger) {
        if (trigger instanceof Trigger.Queue) {
            return QueueMessage.class;
        } else if (trigger instanceof Trigger.Topic) {
            return TopicMessage.class;
        } else if (trigger instanceof Trigger.Storage) {
            return StorageObjectEvent.class;
        } else if (trigger instanceof Trigger.Schedule) {
            return ScheduleTick.class;
        } else if (trigger instanceof Trigger.Stream) {
            return StreamRecord.class;
        } else if (trigger instanceof Trigger.Change) {
            return ChangeRecord.class;
        }
        throw new IllegalArgumentException("a " + trigger.getClass().getSimpleName() + " trigger delivers no events");
    }

    /** True for triggers whose record carries a payload that a function may take converted (queue, topic, stream). */
    public static boolean hasPayload(Trigger trigger) {
        return trigger instanceof Trigger.Queue || trigger instanceof Trigger.Topic || trigger instanceof Trigger.Stream;
    }

    /** True for the portable event records. */
    public static boolean isRecordType(Class<?> type) {
        return RECORD_TYPES.contains(type);
    }

    /** The payload of a queue, topic or stream record; the raw data of anything else. */
    public static Body payload(Event<?> event) {
        Object data = event.data();
        if (data instanceof QueueMessage q) {
            return q.body();
        } else if (data instanceof TopicMessage t) {
            return t.body();
        } else if (data instanceof StreamRecord s) {
            return s.data();
        } else if (data instanceof Body b) {
            return b;
        }
        return event.rawData();
    }

    /**
     * The event carrying its data in the declared type.
     *
     * @throws FunctionException 400 when the payload cannot be decoded into that type
     */
    @SuppressWarnings("unchecked")
    public static <T> Event<T> convert(Event<?> event, Class<T> type) {
        Object data = event.data();
        if (type.isInstance(data)) {
            return (Event<T>) event;
        }
        return event.withData(convertData(event, type));
    }

    private static <T> T convertData(Event<?> event, Class<T> type) {
        Body payload = payload(event);
        if (type == Body.class) {
            return type.cast(payload);
        } else if (type == String.class) {
            return type.cast(payload.text());
        } else if (type == byte[].class) {
            return type.cast(payload.bytes());
        } else if (type == Object.class && event.data() != null) {
            return type.cast(event.data());
        }
        return Json.decode(payload.bytes(), type);
    }

    /**
     * Wraps plain data that arrived for a function (the body of {@code POST /{name}}) into the portable record of its
     * trigger: for queue, topic and stream triggers the data is the payload; for storage, schedule and change
     * triggers it is the record's JSON (missing fields defaulted where sensible).
     *
     * @throws FunctionException 400 when the JSON does not fit the record
     */
    public static Event<?> wrap(FunctionDefinition function, Body data, String id, Instant now) {
        Trigger trigger = function.trigger();
        Object record;
        String source;
        String type;
        String subject = null;
        if (trigger instanceof Trigger.Queue q) {
            record = new QueueMessage(id, q.queue(), data, Map.of(), 1, now);
            source = "fnkit:queue:" + q.queue();
            type = "dev.fnkit.queue.message";
        } else if (trigger instanceof Trigger.Topic t) {
            record = new TopicMessage(id, t.topic(), data, Map.of(), now, function.name());
            source = "fnkit:topic:" + t.topic();
            type = "dev.fnkit.topic.message";
        } else if (trigger instanceof Trigger.Stream s) {
            record = new StreamRecord(s.stream(), id, id, data, now, "0");
            source = "fnkit:stream:" + s.stream();
            type = "dev.fnkit.stream.record";
        } else if (trigger instanceof Trigger.Storage s) {
            StorageObjectEvent given = decodeRecord(data, StorageObjectEvent.class, function);
            record = new StorageObjectEvent(given.bucket(), given.key(), given.change(), given.size(),
                    given.contentType(), given.etag(), given.version(), given.time() == null ? now : given.time());
            source = "fnkit:storage:" + s.bucket();
            type = "dev.fnkit.storage." + given.change().name().toLowerCase();
            subject = given.key();
        } else if (trigger instanceof Trigger.Schedule) {
            ScheduleTick given = data.isEmpty() ? null : decodeRecord(data, ScheduleTick.class, function);
            record = new ScheduleTick(given == null || given.schedule() == null ? function.name() : given.schedule(),
                    given == null || given.scheduledTime() == null ? now : given.scheduledTime(),
                    given != null && given.pastDue());
            source = "fnkit:schedule:" + function.name();
            type = "dev.fnkit.schedule.tick";
        } else if (trigger instanceof Trigger.Change c) {
            ChangeRecord given = decodeRecord(data, ChangeRecord.class, function);
            record = new ChangeRecord(given.source() == null ? c.source() : given.source(), given.type(),
                    given.keys(), given.newImage(), given.oldImage(),
                    given.sequenceNumber() == null ? id : given.sequenceNumber(),
                    given.time() == null ? now : given.time());
            source = "fnkit:change:" + c.source();
            type = "dev.fnkit.change." + given.type().name().toLowerCase();
        } else {
            throw new IllegalArgumentException("function '" + function.name() + "' does not consume events");
        }
        return Event.builder().id(id).source(source).type(type).subject(subject)
                .time(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .dataContentType("application/json").data(record).rawData(data).build();
    }

    private static <T> T decodeRecord(Body data, Class<T> type, FunctionDefinition function) {
        T value;
        try {
            value = Json.decode(data.bytes(), type);
        } catch (FunctionException e) {
            throw FunctionException.badRequest("malformed-event", "Function '" + function.name() + "' takes a "
                    + type.getSimpleName() + " as JSON: " + e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw FunctionException.badRequest("malformed-event", "Function '" + function.name() + "' takes a "
                    + type.getSimpleName() + " as JSON: " + e.getMessage());
        }
        if (value == null) {
            throw FunctionException.badRequest("malformed-event", "Function '" + function.name() + "' takes a "
                    + type.getSimpleName() + " as JSON, not " + new String(data.bytes(), StandardCharsets.UTF_8));
        }
        return value;
    }
}
