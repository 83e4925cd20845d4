package dev.fnkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.core.FunctionDefinition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * EventBridge → {@link ScheduleTick}. A scheduled event ({@code detail-type} "Scheduled Event" from
 * {@code aws.events}) becomes a tick named after its rule (the last part of {@code resources[0]}, else the
 * function's name) at {@code time}. Any other EventBridge event reaching the function is delivered as an event
 * carrying its {@code detail} as raw data, with its {@code source} and {@code detail-type} as the CloudEvents source
 * and type and a tick named after the detail type. CloudEvents id: the event's {@code id}; subject: the first
 * resource.
 */
final class ScheduledEvents implements EventSource {
    static final ScheduledEvents INSTANCE = new ScheduledEvents();
    static final String SCHEDULED = "Scheduled Event";

    private ScheduledEvents() {
    }

    @Override
    public String description() {
        return "EventBridge";
    }

    @Override
    public List<Event<?>> read(JsonNode event, FunctionDefinition function, EventJson json) {
        String detailType = json.text(event, "detail-type", "the event");
        String id = json.text(event, "id", "the event");
        String source = json.text(event, "source", "the event");
        Instant time = EventJson.isoTime(json.text(event, "time", "the event"));
        if (time == null) {
            throw json.malformed("the event's 'time' is not an ISO-8601 time: " + event.get("time"));
        }
        JsonNode resources = event.get("resources");
        String resource = resources != null && resources.isArray() && resources.size() > 0
                ? resources.get(0).asText() : null;
        boolean scheduled = SCHEDULED.equals(detailType) && "aws.events".equals(source);
        String rule = EventJson.arnName(resource, "/");
        ScheduleTick tick = new ScheduleTick(scheduled ? (rule == null ? function.name() : rule) : detailType,
                time, false);
        JsonNode detail = event.get("detail");
        Body raw = detail == null || detail.isNull() ? Body.EMPTY : EventJson.bytes(detail);
        return List.of(Event.builder().id(id).source(source).type(detailType).subject(resource)
                .time(EventJson.envelopeTime(time)).dataContentType("application/json").data(tick).rawData(raw)
                .nativeEvent(event).build());
    }

    @Override
    public Failures failures(JsonNode event) {
        return Failures.WHOLE_EVENT;
    }

    @Override
    public JsonNode toNative(List<Event<?>> events, FunctionDefinition function) {
        if (events.size() != 1) {
            throw new IllegalArgumentException("EventBridge delivers one event per invocation, not " + events.size());
        }
        Event<?> event = events.get(0);
        ScheduleTick tick = event.data() instanceof ScheduleTick t ? t : null;
        String rule = tick != null && tick.schedule() != null ? tick.schedule() : function.name();
        Instant time = tick != null && tick.scheduledTime() != null ? tick.scheduledTime() : Instant.now();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("version", "0");
        root.put("id", event.id());
        root.put("detail-type", SCHEDULED);
        root.put("source", "aws.events");
        root.put("account", AwsEmulator.ACCOUNT);
        root.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("region", AwsEmulator.REGION);
        root.putArray("resources").add("arn:aws:events:" + AwsEmulator.REGION + ":" + AwsEmulator.ACCOUNT
                + ":rule/" + rule);
        root.putObject("detail");
        return root;
    }
}
