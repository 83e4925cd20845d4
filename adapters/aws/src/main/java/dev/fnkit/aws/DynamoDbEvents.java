package dev.fnkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.ChangeType;
import dev.fnkit.api.Event;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.FunctionDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB Streams → {@link ChangeRecord}: the type from {@code eventName} (INSERT, MODIFY, REMOVE), keys, new and
 * old image turned from attribute-value JSON into plain JSON ({@link AttributeValues}), the sequence number (the event
 * id, which {@code batchItemFailures} reports), the time from {@code ApproximateCreationDateTime} (epoch seconds), the
 * table name from the {@code eventSourceARN}. CloudEvents: source the stream ARN, type
 * {@code com.amazonaws.dynamodb.<eventName>}. The record is the raw data. Records are processed in order.
 */
final class DynamoDbEvents implements EventSource {
    static final DynamoDbEvents INSTANCE = new DynamoDbEvents();

    private DynamoDbEvents() {
    }

    @Override
    public String description() {
        return "DynamoDB Streams";
    }

    @Override
    public List<Event<?>> read(JsonNode event, FunctionDefinition function, EventJson json) {
        JsonNode records = json.records(event);
        String declared = ((Trigger.Change) function.trigger()).source();
        List<Event<?>> events = new ArrayList<>(records.size());
        int index = 0;
        for (JsonNode record : records) {
            String where = "record " + index;
            json.checkSource(record, index++, "aws:dynamodb");
            String eventName = json.text(record, "eventName", where);
            ChangeType type;
            try {
                type = ChangeType.valueOf(eventName);
            } catch (IllegalArgumentException e) {
                throw json.malformed(where + " has the eventName '" + eventName + "', not INSERT, MODIFY or REMOVE");
            }
            JsonNode dynamodb = json.object(record, "dynamodb", where);
            String sequence = json.text(dynamodb, "SequenceNumber", where + " dynamodb");
            Map<String, Object> keys = AttributeValues.item(json.object(dynamodb, "Keys", where + " dynamodb"),
                    where + " dynamodb.Keys", json);
            Instant time = EventJson.epochSeconds(dynamodb.get("ApproximateCreationDateTime"));
            String arn = EventJson.optionalText(record, "eventSourceARN");
            String table = tableName(arn);
            ChangeRecord change = new ChangeRecord(table == null ? declared : table, type, keys,
                    AttributeValues.item(dynamodb.get("NewImage"), where + " dynamodb.NewImage", json),
                    AttributeValues.item(dynamodb.get("OldImage"), where + " dynamodb.OldImage", json),
                    sequence, time);
            events.add(Event.builder().id(sequence).source(arn == null ? "aws:dynamodb" : arn)
                    .type("com.amazonaws.dynamodb." + eventName).time(EventJson.envelopeTime(time))
                    .dataContentType("application/json").data(change).rawData(EventJson.bytes(record))
                    .nativeEvent(record).build());
        }
        return events;
    }

    @Override
    public Failures failures(JsonNode event) {
        return Failures.PER_ITEM_ORDERED;
    }

    @Override
    public JsonNode toNative(List<Event<?>> events, FunctionDefinition function) {
        String source = ((Trigger.Change) function.trigger()).source();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode records = root.putArray("Records");
        int n = 0;
        for (Event<?> event : events) {
            ChangeRecord change = (ChangeRecord) event.data();
            String table = change.source() == null ? source : change.source();
            String arn = table.startsWith("arn:") ? table : "arn:aws:dynamodb:" + AwsEmulator.REGION + ":"
                    + AwsEmulator.ACCOUNT + ":table/" + table + "/stream/2024-01-01T00:00:00.000";
            Instant time = change.time() != null ? change.time() : Instant.now();
            ObjectNode record = records.addObject();
            record.put("eventID", Integer.toHexString(event.id().hashCode()) + Integer.toHexString(n++));
            record.put("eventName", change.type().name());
            record.put("eventVersion", "1.1");
            record.put("eventSource", "aws:dynamodb");
            record.put("awsRegion", AwsEmulator.REGION);
            ObjectNode dynamodb = record.putObject("dynamodb");
            dynamodb.put("ApproximateCreationDateTime", time.getEpochSecond());
            dynamodb.set("Keys", AttributeValues.toItem(change.keys()));
            if (!change.newImage().isEmpty()) {
                dynamodb.set("NewImage", AttributeValues.toItem(change.newImage()));
            }
            if (!change.oldImage().isEmpty()) {
                dynamodb.set("OldImage", AttributeValues.toItem(change.oldImage()));
            }
            dynamodb.put("SequenceNumber", sequenceNumber(event));
            dynamodb.put("SizeBytes", 26 + event.id().length());
            dynamodb.put("StreamViewType", "NEW_AND_OLD_IMAGES");
            record.put("eventSourceARN", arn);
        }
        return root;
    }

    /** The sequence number the emulator gives an event: its record's, else its id. */
    static String sequenceNumber(Event<?> event) {
        return event.data() instanceof ChangeRecord c && c.sequenceNumber() != null ? c.sequenceNumber()
                : event.id();
    }

    /** {@code arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2024-...} → {@code Orders}. */
    private static String tableName(String arn) {
        if (arn == null) {
            return null;
        }
        int table = arn.indexOf(":table/");
        if (table < 0) {
            return null;
        }
        int end = arn.indexOf('/', table + 7);
        return end < 0 ? arn.substring(table + 7) : arn.substring(table + 7, end);
    }
}
