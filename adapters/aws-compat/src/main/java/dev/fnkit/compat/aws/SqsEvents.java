package dev.fnkit.compat.aws;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.fnkit.api.Event;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.core.EventData;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An {@link SQSEvent} from a batch of portable queue messages: {@code messageId} is the event id (what
 * {@code batchItemFailures} report), the body the message text, {@code ApproximateReceiveCount} and
 * {@code SentTimestamp} from the message, its attributes as String {@code messageAttributes}, the MD5 of the body,
 * and the queue's ARN (the event's own source when it came from SQS).
 */
final class SqsEvents {
    private SqsEvents() {
    }

    static SQSEvent toEvent(List<Event<QueueMessage>> events, String queue) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(events.size());
        for (Event<QueueMessage> event : events) {
            QueueMessage message = event.data();
            String body = EventData.payload(event).text();
            Instant sent = message.sentAt() != null ? message.sentAt() : Instant.now();
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(event.id());
            record.setReceiptHandle("fnkit-" + UUID.nameUUIDFromBytes(event.id().getBytes(StandardCharsets.UTF_8)));
            record.setBody(body);
            record.setMd5OfBody(md5(body));
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("ApproximateReceiveCount", Integer.toString(Math.max(1, message.deliveryCount())));
            attributes.put("SentTimestamp", Long.toString(sent.toEpochMilli()));
            attributes.put("ApproximateFirstReceiveTimestamp", Long.toString(sent.toEpochMilli()));
            record.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new LinkedHashMap<>();
            message.attributes().forEach((name, value) -> {
                SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
                attribute.setDataType("String");
                attribute.setStringValue(value);
                messageAttributes.put(name, attribute);
            });
            record.setMessageAttributes(messageAttributes);
            record.setEventSource("aws:sqs");
            String arn = AwsNames.sourceArn(event, "sqs");
            record.setEventSourceArn(arn != null ? arn : AwsNames.arn("sqs", queue, ""));
            record.setAwsRegion(AwsNames.REGION);
            records.add(record);
        }
        SQSEvent sqs = new SQSEvent();
        sqs.setRecords(records);
        return sqs;
    }

    private static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }
}
