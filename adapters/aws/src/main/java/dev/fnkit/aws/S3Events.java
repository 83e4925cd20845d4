package dev.fnkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Event;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.FunctionDefinition;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * S3 → {@link StorageObjectEvent}: the key URL-decoded ({@code +} is a space, {@code %2B} a plus), the change from
 * {@code eventName} ({@code ObjectCreated:*} → CREATED; {@code ObjectRemoved:*} and {@code LifecycleExpiration:*} →
 * DELETED; {@code LifecycleTransition}, {@code ObjectRestore:*} and {@code IntelligentTiering} → ARCHIVED;
 * {@code ObjectTagging:*} and {@code ObjectAcl:Put} → METADATA_UPDATED), size, eTag, versionId and eventTime.
 * Records whose change the trigger does not declare, or that map to no change (replication events), are skipped.
 * CloudEvents as the CloudEvents S3 adapter maps them: id {@code x-amz-request-id.x-amz-id-2}, source
 * {@code aws:s3.<region>.<bucket>}, type {@code com.amazonaws.s3.<eventName>}, subject the decoded key. The record
 * itself is the raw data.
 */
final class S3Events implements EventSource {
    static final S3Events INSTANCE = new S3Events();

    private S3Events() {
    }

    @Override
    public String description() {
        return "S3";
    }

    /** The change an S3 event name reports, or null. */
    static StorageChange change(String eventName) {
        String name = eventName.startsWith("s3:") ? eventName.substring(3) : eventName;
        if (name.startsWith("ObjectCreated:")) {
            return StorageChange.CREATED;
        } else if (name.startsWith("ObjectRemoved:") || name.startsWith("LifecycleExpiration:")) {
            return StorageChange.DELETED;
        } else if (name.startsWith("LifecycleTransition") || name.startsWith("ObjectRestore:")
                || name.startsWith("IntelligentTiering")) {
            return StorageChange.ARCHIVED;
        } else if (name.startsWith("ObjectTagging:") || name.equals("ObjectAcl:Put")) {
            return StorageChange.METADATA_UPDATED;
        }
        return null;
    }

    /** The S3 notification event types of a change, for the SAM template. */
    static List<String> notificationTypes(StorageChange change) {
        return switch (change) {
            case CREATED -> List.of("s3:ObjectCreated:*");
            case DELETED -> List.of("s3:ObjectRemoved:*", "s3:LifecycleExpiration:*");
            case ARCHIVED -> List.of("s3:LifecycleTransition", "s3:ObjectRestore:*", "s3:IntelligentTiering");
            case METADATA_UPDATED -> List.of("s3:ObjectTagging:*", "s3:ObjectAcl:Put");
        };
    }

    @Override
    public List<Event<?>> read(JsonNode event, FunctionDefinition function, EventJson json) {
        JsonNode records = json.records(event);
        Set<StorageChange> wanted = ((Trigger.Storage) function.trigger()).changes();
        List<Event<?>> events = new ArrayList<>(records.size());
        int index = 0;
        for (JsonNode record : records) {
            String where = "record " + index;
            json.checkSource(record, index++, "aws:s3");
            String eventName = json.text(record, "eventName", where);
            JsonNode s3 = json.object(record, "s3", where);
            String bucket = json.text(json.object(s3, "bucket", where + " s3"), "name", where + " s3.bucket");
            JsonNode object = json.object(s3, "object", where + " s3");
            String rawKey = json.text(object, "key", where + " s3.object");
            StorageChange change = change(eventName);
            if (change == null || !wanted.contains(change)) {
                continue;
            }
            String key = decodeKey(rawKey, json, where);
            JsonNode size = object.get("size");
            Instant time = EventJson.isoTime(EventJson.optionalText(record, "eventTime"));
            StorageObjectEvent data = new StorageObjectEvent(bucket, key, change,
                    size != null && size.canConvertToLong() ? size.asLong() : -1, null,
                    EventJson.optionalText(object, "eTag"), EventJson.optionalText(object, "versionId"), time);
            String region = EventJson.optionalText(record, "awsRegion");
            events.add(Event.builder().id(id(record, bucket, rawKey, eventName))
                    .source("aws:s3." + (region == null ? "" : region + ".") + bucket)
                    .type("com.amazonaws.s3." + eventName).subject(key).time(EventJson.envelopeTime(time))
                    .dataContentType("application/json").data(data).rawData(EventJson.bytes(record))
                    .nativeEvent(record).build());
        }
        return events;
    }

    @Override
    public Failures failures(JsonNode event) {
        return Failures.WHOLE_EVENT;
    }

    @Override
    public JsonNode toNative(List<Event<?>> events, FunctionDefinition function) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode records = root.putArray("Records");
        String declared = ((Trigger.Storage) function.trigger()).bucket();
        for (Event<?> event : events) {
            StorageObjectEvent object = (StorageObjectEvent) event.data();
            String bucket = object.bucket() == null ? declared : object.bucket();
            Instant time = object.time() != null ? object.time() : Instant.now();
            ObjectNode record = records.addObject();
            record.put("eventVersion", "2.1");
            record.put("eventSource", "aws:s3");
            record.put("awsRegion", AwsEmulator.REGION);
            record.put("eventTime", time.truncatedTo(ChronoUnit.MILLIS).toString());
            record.put("eventName", switch (object.change()) {
                case CREATED -> "ObjectCreated:Put";
                case DELETED -> "ObjectRemoved:Delete";
                case ARCHIVED -> "LifecycleTransition";
                case METADATA_UPDATED -> "ObjectTagging:Put";
            });
            record.putObject("userIdentity").put("principalId", "AWS:AIDAINPONIXQXHT3IKHL2");
            record.putObject("requestParameters").put("sourceIPAddress", "198.51.100.7");
            ObjectNode response = record.putObject("responseElements");
            response.put("x-amz-request-id", Long.toHexString(event.id().hashCode() & 0xffffffffL).toUpperCase()
                    + "C3E5A1D2");
            response.put("x-amz-id-2", "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo=");
            ObjectNode s3 = record.putObject("s3");
            s3.put("s3SchemaVersion", "1.0");
            s3.put("configurationId", function.name() + "-notification");
            ObjectNode bucketNode = s3.putObject("bucket");
            bucketNode.put("name", bucket);
            bucketNode.putObject("ownerIdentity").put("principalId", "A3I5XTEXAMAI3E");
            bucketNode.put("arn", "arn:aws:s3:::" + bucket);
            ObjectNode objectNode = s3.putObject("object");
            objectNode.put("key", encodeKey(object.key()));
            if (object.size() >= 0) {
                objectNode.put("size", object.size());
            }
            if (object.etag() != null) {
                objectNode.put("eTag", object.etag());
            }
            if (object.version() != null) {
                objectNode.put("versionId", object.version());
            }
            objectNode.put("sequencer", String.format("%018X", time.toEpochMilli()));
        }
        return root;
    }

    /** S3's key encoding in notifications: form-encoded, slashes kept. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String decodeKey(String raw, EventJson json, String where) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw json.malformed(where + " has a malformed URL-encoded key '" + raw + "'");
        }
    }

    private static String id(JsonNode record, String bucket, String key, String eventName) {
        JsonNode response = record.get("responseElements");
        String requestId = EventJson.optionalText(response, "x-amz-request-id");
        String id2 = EventJson.optionalText(response, "x-amz-id-2");
        if (requestId != null) {
            return id2 == null ? requestId : requestId + "." + id2;
        }
        String sequencer = EventJson.optionalText(record.path("s3").path("object"), "sequencer");
        return bucket + "/" + key + "/" + eventName + (sequencer == null ? "" : "/" + sequencer);
    }
}
