package dev.fnkit.selfhosted.triggers;

import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.core.CloudEventsHttp;
import dev.fnkit.selfhosted.async.Call;
import dev.fnkit.selfhosted.async.DeployedFunction;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Turns a trigger's event into a journaled call: a CloudEvent in binary mode, as the gateway delivers events to
 * event functions. The data is the payload for queues, topics and streams, and the portable record's JSON for
 * storage, schedule and change events; the instance wraps it into the function's record.
 */
final class Events {
    static final String STREAM_RECORD = "dev.fnkit.stream.record";

    private Events() {
    }

    /**
     * The event for this data; {@code subject} and {@code contentType} may be null. A stream record's subject is its
     * partition key, also set as the CloudEvents partitioning extension ({@code partitionkey}).
     */
    static Event<Body> event(String id, String source, String type, String subject, String contentType, Body data,
                             Instant time) {
        Event.Builder<Body> builder = Event.<Body>builder().id(id).source(source).type(type)
                .time(time.atOffset(ZoneOffset.UTC)).data(data).rawData(data);
        if (subject != null) {
            builder.subject(subject);
            if (type.equals(STREAM_RECORD)) {
                builder.extension("partitionkey", subject);
            }
        }
        if (contentType != null) {
            builder.dataContentType(contentType);
        }
        return builder.build();
    }

    /** A call delivering the event to a function. */
    static Call call(String kind, DeployedFunction function, Event<Body> event, String idempotencyKey,
                     String partitionKey, long now) {
        return new Call(UUID.randomUUID().toString(), kind, function.name(), "POST", "/",
                CloudEventsHttp.binaryHeaders(event).asMap(), event.rawData().bytes(), idempotencyKey, null,
                partitionKey, 0, now);
    }
}
