package dev.fnkit.compat.aws;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.fnkit.api.Event;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.core.EventData;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * A {@link KinesisEvent} from a batch of portable stream records: the data bytes, partition key, sequence number
 * (what {@code batchItemFailures} report), arrival time, {@code eventID} {@code <shard>:<sequence>} and the stream's
 * ARN.
 */
final class KinesisEvents {
    private KinesisEvents() {
    }

    static KinesisEvent toEvent(List<Event<StreamRecord>> events, String stream) {
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>(events.size());
        for (Event<StreamRecord> event : events) {
            StreamRecord data = event.data();
            String sequence = BatchFailures.ownOrEventId(data.sequenceNumber(), event);
            String shard = data.shard() != null && data.shard().startsWith("shardId-") ? data.shard()
                    : "shardId-000000000000";
            KinesisEvent.Record kinesis = new KinesisEvent.Record();
            kinesis.setKinesisSchemaVersion("1.0");
            kinesis.setPartitionKey(data.partitionKey() != null ? data.partitionKey() : event.id());
            kinesis.setSequenceNumber(sequence);
            kinesis.setData(ByteBuffer.wrap(EventData.payload(event).bytes().clone()));
            kinesis.setApproximateArrivalTimestamp(Date.from(data.arrivedAt() != null ? data.arrivedAt()
                    : Instant.now()));
            KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
            record.setKinesis(kinesis);
            record.setEventSource("aws:kinesis");
            record.setEventVersion("1.0");
            record.setEventID(shard + ":" + sequence);
            record.setEventName("aws:kinesis:record");
            record.setInvokeIdentityArn("arn:aws:iam::" + AwsNames.ACCOUNT + ":role/fnkit");
            record.setAwsRegion(AwsNames.REGION);
            String arn = AwsNames.sourceArn(event, "kinesis");
            record.setEventSourceARN(arn != null ? arn : AwsNames.arn("kinesis", data.stream() != null
                    && !data.stream().isEmpty() ? data.stream() : stream, "stream/"));
            records.add(record);
        }
        KinesisEvent kinesisEvent = new KinesisEvent();
        kinesisEvent.setRecords(records);
        return kinesisEvent;
    }
}
