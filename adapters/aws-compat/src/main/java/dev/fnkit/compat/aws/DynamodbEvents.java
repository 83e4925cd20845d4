package dev.fnkit.compat.aws;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link DynamodbEvent} from a batch of portable change records: {@code eventName} INSERT, MODIFY or REMOVE,
 * keys and images in DynamoDB's attribute-value form (strings {@code S}, numbers {@code N}, booleans {@code BOOL},
 * null {@code NULL}, maps {@code M}, lists {@code L}), the sequence number (what {@code batchItemFailures} report),
 * creation time, view type {@code NEW_AND_OLD_IMAGES} and the table's stream ARN.
 */
final class DynamodbEvents {
    private DynamodbEvents() {
    }

    static DynamodbEvent toEvent(List<Event<ChangeRecord>> events, String table) {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>(events.size());
        for (Event<ChangeRecord> event : events) {
            ChangeRecord change = event.data();
            StreamRecord stream = new StreamRecord()
                    .withApproximateCreationDateTime(Date.from(change.time() != null ? change.time() : Instant.now()))
                    .withKeys(attributes(change.keys()))
                    .withNewImage(change.newImage().isEmpty() ? null : attributes(change.newImage()))
                    .withOldImage(change.oldImage().isEmpty() ? null : attributes(change.oldImage()))
                    .withSequenceNumber(BatchFailures.ownOrEventId(change.sequenceNumber(), event))
                    .withSizeBytes((long) event.rawData().size())
                    .withStreamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(event.id());
            record.setEventName(change.type().name());
            record.setEventVersion("1.1");
            record.setEventSource("aws:dynamodb");
            record.setAwsRegion(AwsNames.REGION);
            record.setDynamodb(stream);
            String arn = AwsNames.sourceArn(event, "dynamodb");
            String name = change.source() != null && !change.source().isEmpty() ? change.source() : table;
            record.setEventSourceARN(arn != null ? arn
                    : AwsNames.arn("dynamodb", name, "table/") + "/stream/2024-01-01T00:00:00.000");
            records.add(record);
        }
        DynamodbEvent dynamodb = new DynamodbEvent();
        dynamodb.setRecords(records);
        return dynamodb;
    }

    static Map<String, AttributeValue> attributes(Map<String, Object> values) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        values.forEach((name, value) -> out.put(name, attribute(value)));
        return out;
    }

    private static AttributeValue attribute(Object value) {
        if (value == null) {
            return new AttributeValue().withNULL(true);
        } else if (value instanceof String s) {
            return new AttributeValue().withS(s);
        } else if (value instanceof Boolean b) {
            return new AttributeValue().withBOOL(b);
        } else if (value instanceof Number n) {
            return new AttributeValue().withN(new BigDecimal(n.toString()).toPlainString());
        } else if (value instanceof Map<?, ?> map) {
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), attribute(v)));
            return new AttributeValue().withM(m);
        } else if (value instanceof List<?> list) {
            List<AttributeValue> l = new ArrayList<>(list.size());
            list.forEach(v -> l.add(attribute(v)));
            return new AttributeValue().withL(l);
        }
        throw FunctionException.badRequest("unsupported-attribute", "A change record value of type "
                + value.getClass().getSimpleName() + " has no DynamoDB attribute form");
    }
}
