package dev.fnkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.EventData;
import dev.fnkit.core.FunctionDefinition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SQS → {@link QueueMessage}: the event id is the {@code messageId} (what {@code batchItemFailures} reports), the
 * body is {@code body}, the attributes are the {@code messageAttributes}' {@code stringValue} (or the base64
 * {@code binaryValue}), the delivery count is {@code attributes.ApproximateReceiveCount} and the sent time
 * {@code attributes.SentTimestamp}. CloudEvents source: {@code eventSourceARN}; type
 * {@code com.amazonaws.sqs.message}. FIFO queues ({@code .fifo} ARNs) are processed in order.
 */
final class SqsEvents implements EventSource {
    static final SqsEvents INSTANCE = new SqsEvents();
    static final String TYPE = "com.amazonaws.sqs.message";

    private SqsEvents() {
    }

    @Override
    public String description() {
        return "SQS";
    }

    @Override
    public List<Event<?>> read(JsonNode event, FunctionDefinition function, EventJson json) {
        JsonNode records = json.records(event);
        String fallbackQueue = ((Trigger.Queue) function.trigger()).queue();
        List<Event<?>> events = new ArrayList<>(records.size());
        int index = 0;
        for (JsonNode record : records) {
            String where = "record " + index;
            json.checkSource(record, index++, "aws:sqs");
            String id = json.text(record, "messageId", where);
            String body = json.text(record, "body", where);
            JsonNode attributes = record.get("attributes");
            String arn = EventJson.optionalText(record, "eventSourceARN");
            String queue = EventJson.arnName(arn, ":");
            Instant sent = EventJson.epochMillis(EventJson.optionalText(attributes, "SentTimestamp"));
            Body payload = Body.of(body);
            QueueMessage message = new QueueMessage(id, queue == null ? fallbackQueue : queue, payload,
                    EventJson.attributes(record.get("messageAttributes"), "stringValue", "binaryValue"),
                    receiveCount(EventJson.optionalText(attributes, "ApproximateReceiveCount")), sent);
            events.add(Event.builder().id(id).source(arn == null ? "aws:sqs" : arn).type(TYPE)
                    .time(EventJson.envelopeTime(sent)).data(message).rawData(payload).nativeEvent(record).build());
        }
        return events;
    }

    @Override
    public Failures failures(JsonNode event) {
        JsonNode records = event.get("Records");
        String arn = records != null && records.size() > 0
                ? EventJson.optionalText(records.get(0), "eventSourceARN") : null;
        return arn != null && arn.endsWith(".fifo") ? Failures.PER_ITEM_ORDERED : Failures.PER_ITEM;
    }

    @Override
    public JsonNode toNative(List<Event<?>> events, FunctionDefinition function) {
        String queue = ((Trigger.Queue) function.trigger()).queue();
        String arn = queue.startsWith("arn:") ? queue
                : "arn:aws:sqs:" + AwsEmulator.REGION + ":" + AwsEmulator.ACCOUNT + ":" + queue;
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode records = root.putArray("Records");
        for (Event<?> event : events) {
            QueueMessage message = event.data() instanceof QueueMessage m ? m : null;
            String body = EventData.payload(event).text();
            Instant sent = message != null && message.sentAt() != null ? message.sentAt()
                    : event.time().map(Instant::from).orElseGet(Instant::now);
            ObjectNode record = records.addObject();
            record.put("messageId", event.id());
            record.put("receiptHandle", "AQEB" + UUID.nameUUIDFromBytes(event.id().getBytes(StandardCharsets.UTF_8)));
            record.put("body", body);
            ObjectNode attributes = record.putObject("attributes");
            attributes.put("ApproximateReceiveCount",
                    String.valueOf(message == null ? 1 : Math.max(1, message.deliveryCount())));
            attributes.put("SentTimestamp", String.valueOf(sent.toEpochMilli()));
            attributes.put("SenderId", "AIDAIENQZJOLO23YVJ4VO");
            attributes.put("ApproximateFirstReceiveTimestamp", String.valueOf(sent.toEpochMilli() + 2));
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            for (Map.Entry<String, String> attribute : (message == null ? Map.<String, String>of()
                    : message.attributes()).entrySet()) {
                ObjectNode value = messageAttributes.putObject(attribute.getKey());
                value.put("stringValue", attribute.getValue());
                value.putArray("stringListValues");
                value.putArray("binaryListValues");
                value.put("dataType", "String");
            }
            record.put("md5OfBody", md5(body));
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", arn);
            record.put("awsRegion", AwsEmulator.REGION);
        }
        return root;
    }

    private static int receiveCount(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
