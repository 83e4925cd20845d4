package dev.fnkit.compat.aws;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import dev.fnkit.api.Event;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link S3Event} of one record from a portable storage event, as S3 notifies Lambda: the event name of the
 * change ({@code ObjectCreated:Put}, {@code ObjectRemoved:Delete}, ...), the object key URL-encoded with {@code +}
 * for spaces (slashes kept), size, eTag, version id, and the bucket's name and ARN.
 */
final class S3Events {
    private S3Events() {
    }

    static S3Event toEvent(Event<StorageObjectEvent> event) {
        StorageObjectEvent object = event.data();
        Instant time = object.time() != null ? object.time() : Instant.now();
        S3EventNotification.UserIdentityEntity owner = new S3EventNotification.UserIdentityEntity("FNKIT");
        S3EventNotification.S3BucketEntity bucket = new S3EventNotification.S3BucketEntity(object.bucket(), owner,
                "arn:aws:s3:::" + object.bucket());
        S3EventNotification.S3ObjectEntity entity = new S3EventNotification.S3ObjectEntity(encodeKey(object.key()),
                object.size() < 0 ? null : object.size(), object.etag(), object.version(),
                Long.toHexString(time.toEpochMilli()).toUpperCase(java.util.Locale.ROOT));
        S3EventNotification.S3Entity s3 = new S3EventNotification.S3Entity("fnkit", bucket, entity, "1.0");
        S3EventNotification.S3EventNotificationRecord record = new S3EventNotification.S3EventNotificationRecord(
                AwsNames.REGION, eventName(object.change()), "aws:s3", time.toString(), "2.1",
                new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity(event.id(), event.id()), s3, owner);
        return new S3Event(new ArrayList<>(List.of(record)));
    }

    static String eventName(StorageChange change) {
        return switch (change) {
            case CREATED -> "ObjectCreated:Put";
            case DELETED -> "ObjectRemoved:Delete";
            case ARCHIVED -> "LifecycleTransition";
            case METADATA_UPDATED -> "ObjectTagging:Put";
        };
    }

    private static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
