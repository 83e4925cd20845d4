package dev.fnkit.api;

import java.time.Instant;

/**
 * A record from an ordered stream: Kinesis, Event Hubs, Kafka.
 *
 * @param stream         the stream's name
 * @param partitionKey   the partition key, or null
 * @param sequenceNumber the record's position in its shard or partition (batch failures are reported by it)
 * @param data           the record's data (Kinesis's base64 already decoded)
 * @param arrivedAt      when the stream received it, or null
 * @param shard          the shard or partition, or null
 */
public record StreamRecord(String stream, String partitionKey, String sequenceNumber, Body data, Instant arrivedAt,
                           String shard) {
    public StreamRecord {
        data = Attributes.body(data);
    }

    public String text() {
        return data.text();
    }

    public <T> T as(Class<T> type) {
        return data.as(type);
    }
}
