package dev.fnkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.EventData;
import dev.fnkit.core.FunctionDefinition;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Kinesis → {@link StreamRecord}: data base64-decoded from {@code kinesis.data}, partition key, sequence number (the
 * event id, which {@code batchItemFailures} reports), arrival time from {@code approximateArrivalTimestamp} (epoch
 * seconds), shard from the {@code eventID} prefix, stream from the {@code eventSourceARN}. CloudEvents: source the
 * stream ARN, type {@code com.amazonaws.kinesis.record}, subject the partition key. Records are processed in order.
 */
final class KinesisEvents implements EventSource {
    static final KinesisEvents INSTANCE = new KinesisEvents();
    static final String TYPE = "com.amazonaws.kinesis.record";

    private KinesisEvents() {
    }

    @Override
    public String description() {
        return "Kinesis";
    }

    @Override
    public List<Event<?>> read(JsonNode event, FunctionDefinition function, EventJson json) {
        JsonNode records = json.records(event);
        String declared = ((Trigger.Stream) function.trigger()).stream();
        List<Event<?>> events = new ArrayList<>(records.size());
        int index = 0;
        for (JsonNode record : records) {
            String where = "record " + index;
            json.checkSource(record, index++, "aws:kinesis");
            JsonNode kinesis = json.object(record, "kinesis", where);
            String sequence = json.text(kinesis, "sequenceNumber", where + " kinesis");
            Body data;
            try {
                data = Body.of(Base64.getDecoder().decode(json.text(kinesis, "data", where + " kinesis")));
            } catch (IllegalArgumentException e) {
                throw json.malformed(where + " kinesis.data is not base64: " + e.getMessage());
            }
            String partitionKey = EventJson.optionalText(kinesis, "partitionKey");
            Instant arrived = EventJson.epochSeconds(kinesis.get("approximateArrivalTimestamp"));
            String arn = EventJson.optionalText(record, "eventSourceARN");
            String stream = EventJson.arnName(arn, "stream/");
            String eventId = EventJson.optionalText(record, "eventID");
            int colon = eventId == null ? -1 : eventId.indexOf(':');
            StreamRecord streamRecord = new StreamRecord(stream == null ? declared : stream, partitionKey, sequence, data,
                    arrived, colon < 0 ? null : eventId.substring(0, colon));
            events.add(Event.builder().id(sequence).source(arn == null ? "aws:kinesis" : arn).type(TYPE)
                    .subject(partitionKey).time(EventJson.envelopeTime(arrived)).data(streamRecord).rawData(data)
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
        String stream = ((Trigger.Stream) function.trigger()).stream();
        String arn = stream.startsWith("arn:") ? stream
                : "arn:aws:kinesis:" + AwsEmulator.REGION + ":" + AwsEmulator.ACCOUNT + ":stream/" + stream;
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode records = root.putArray("Records");
        for (Event<?> event : events) {
            StreamRecord record = event.data() instanceof StreamRecord r ? r : null;
            String sequence = sequenceNumber(event);
            Instant arrived = record != null && record.arrivedAt() != null ? record.arrivedAt() : Instant.now();
            String shard = record != null && record.shard() != null && record.shard().startsWith("shardId-")
                    ? record.shard() : "shardId-000000000000";
            ObjectNode node = records.addObject();
            ObjectNode kinesis = node.putObject("kinesis");
            kinesis.put("kinesisSchemaVersion", "1.0");
            kinesis.put("partitionKey", record != null && record.partitionKey() != null ? record.partitionKey()
                    : event.id());
            kinesis.put("sequenceNumber", sequence);
            kinesis.put("data", EventData.payload(event).base64());
            kinesis.put("approximateArrivalTimestamp", BigDecimal.valueOf(arrived.toEpochMilli(), 3));
            node.put("eventSource", "aws:kinesis");
            node.put("eventVersion", "1.0");
            node.put("eventID", shard + ":" + sequence);
            node.put("eventName", "aws:kinesis:record");
            node.put("invokeIdentityArn", "arn:aws:iam::" + AwsEmulator.ACCOUNT + ":role/lambda-role");
            node.put("awsRegion", AwsEmulator.REGION);
            node.put("eventSourceARN", arn);
        }
        return root;
    }

    /** The sequence number the emulator gives an event: its record's, else its id. */
    static String sequenceNumber(Event<?> event) {
        return event.data() instanceof StreamRecord r && r.sequenceNumber() != null ? r.sequenceNumber() : event.id();
    }
}
