package dev.fnkit.aws;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.ChangeType;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.fnkit.aws.LambdaTesting.awsEvent;
import static dev.fnkit.aws.LambdaTesting.context;
import static dev.fnkit.aws.LambdaTesting.event;
import static dev.fnkit.aws.LambdaTesting.eventTree;
import static dev.fnkit.aws.LambdaTesting.invoke;
import static dev.fnkit.aws.LambdaTesting.invokeJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSourcesTest {
    @BeforeEach
    void clear() {
        AwsTestApp.RECEIVED.clear();
    }

    private static List<String> failures(JsonNode response) {
        return BatchResponses.read(response);
    }

    @SuppressWarnings("unchecked")
    private static <T> Event<T> received(int index) {
        return (Event<T>) AwsTestApp.RECEIVED.get(index);
    }

    @Test
    void sqsMessagesRunItemByItemAndOnlyTheFailedOneIsReported() throws Exception {
        SQSEvent aws = awsEvent("sqs.json", SQSEvent.class);
        JsonNode response = invokeJson("orders", event("sqs.json"));
        assertThat(failures(response)).containsExactly(aws.getRecords().get(1).getMessageId());
        assertThat(AwsTestApp.RECEIVED).hasSize(2);
        Event<AwsTestApp.Order> first = received(0);
        assertThat(first.id()).isEqualTo(aws.getRecords().get(0).getMessageId());
        assertThat(first.data()).isEqualTo(new AwsTestApp.Order("o1", "tea", false));
        assertThat(first.source()).isEqualTo(aws.getRecords().get(0).getEventSourceArn());
        assertThat(first.type()).isEqualTo("com.amazonaws.sqs.message");
        assertThat(first.time().orElseThrow().toInstant()).isEqualTo(Instant.ofEpochMilli(
                Long.parseLong(aws.getRecords().get(0).getAttributes().get("SentTimestamp"))));
        assertThat(first.nativeEvent(JsonNode.class).orElseThrow().get("md5OfBody").asText())
                .isEqualTo(aws.getRecords().get(0).getMd5OfBody());
        assertThat(received(1).id()).isEqualTo(aws.getRecords().get(2).getMessageId());
    }

    @Test
    void sqsMessagesMapOntoQueueMessage() throws Exception {
        SQSEvent aws = awsEvent("sqs.json", SQSEvent.class);
        assertThat(failures(invokeJson("raw-orders", event("sqs.json")))).isEmpty();
        for (int i = 0; i < 3; i++) {
            SQSEvent.SQSMessage expected = aws.getRecords().get(i);
            QueueMessage message = AwsTestApp.RECEIVED.get(i).data() instanceof QueueMessage m ? m : null;
            assertThat(message).isNotNull();
            assertThat(message.id()).isEqualTo(expected.getMessageId());
            assertThat(message.queue()).isEqualTo("orders-queue");
            assertThat(message.text()).isEqualTo(expected.getBody());
            assertThat(message.deliveryCount())
                    .isEqualTo(Integer.parseInt(expected.getAttributes().get("ApproximateReceiveCount")));
            assertThat(message.sentAt()).isEqualTo(Instant.ofEpochMilli(
                    Long.parseLong(expected.getAttributes().get("SentTimestamp"))));
        }
        QueueMessage first = (QueueMessage) AwsTestApp.RECEIVED.get(0).data();
        SQSEvent.SQSMessage expected = aws.getRecords().get(0);
        assertThat(first.attributes()).containsEntry("tenant",
                expected.getMessageAttributes().get("tenant").getStringValue());
        ByteBuffer checksum = expected.getMessageAttributes().get("checksum").getBinaryValue();
        byte[] bytes = new byte[checksum.remaining()];
        checksum.get(bytes);
        assertThat(Base64.getDecoder().decode(first.attributes().get("checksum"))).isEqualTo(bytes);
    }

    @Test
    void aBatchFunctionGetsTheWholeBatchAndReportsItsOwnFailures() throws Exception {
        JsonNode response = invokeJson("order-batches", event("sqs.json"));
        assertThat(failures(response)).containsExactly("2e1424d4-f796-459a-8184-9c92662be6da");
        assertThat(AwsTestApp.RECEIVED).hasSize(3);
    }

    @Test
    void fifoQueuesStopAtTheFirstFailureAndReportEverythingAfterIt() throws Exception {
        JsonNode response = invokeJson("orders", event("sqs-fifo.json"));
        assertThat(failures(response)).containsExactly("a2e9b3a4-1f7c-4a05-a5c6-0d8a1b0d0c22",
                "b3f0c4b5-2a8d-4b16-b6d7-1e9b2c1e1d33");
        assertThat(AwsTestApp.RECEIVED).extracting(Event::id).containsExactly("11d6ee51-4cc7-4302-9e22-7cd8afdaadf5");
    }

    @Test
    void snsNotificationsMapOntoTopicMessage() throws Exception {
        SNSEvent aws = awsEvent("sns.json", SNSEvent.class);
        SNSEvent.SNS sns = aws.getRecords().get(0).getSNS();
        byte[] output = invoke(AwsTestApp.lambda("audit"), event("sns.json"), context("audit"));
        assertThat(output).isEmpty();
        Event<TopicMessage> event = received(0);
        TopicMessage message = event.data();
        assertThat(message.id()).isEqualTo(sns.getMessageId()).isEqualTo(event.id());
        assertThat(message.topic()).isEqualTo(sns.getTopicArn());
        assertThat(message.text()).isEqualTo(sns.getMessage());
        assertThat(message.attributes()).containsEntry("origin", sns.getMessageAttributes().get("origin").getValue())
                .containsEntry("attempt", "2");
        assertThat(message.publishedAt()).isEqualTo(Instant.ofEpochMilli(sns.getTimestamp().getMillis()));
        assertThat(message.subscription()).isEqualTo(aws.getRecords().get(0).getEventSubscriptionArn());
        assertThat(event.source()).isEqualTo(message.subscription());
        assertThat(event.type()).isEqualTo("com.amazonaws.sns.Notification");
        assertThat(event.subject()).contains(sns.getSubject());
    }

    @Test
    void snsFailuresFailTheInvocationUnlessNotRetryable() throws Exception {
        ObjectNode failing = (ObjectNode) eventTree("sns.json");
        ((ObjectNode) failing.get("Records").get(0).get("Sns")).put("Message", "{\"fail\":true}");
        assertThatThrownBy(() -> invoke(AwsTestApp.lambda("audit"), Json.encode(failing), context("audit")))
                .isInstanceOf(IllegalStateException.class).hasMessage("audit failed");
        ((ObjectNode) failing.get("Records").get(0).get("Sns")).put("Message", "{\"reject\":true}");
        assertThat(invoke(AwsTestApp.lambda("audit"), Json.encode(failing), context("audit"))).isEmpty();
        assertThat(AwsTestApp.RECEIVED).isEmpty();
    }

    @Test
    void s3KeysAreUrlDecodedAndChangesMapped() throws Exception {
        S3Event aws = awsEvent("s3-put.json", S3Event.class);
        var record = aws.getRecords().get(0);
        invoke(AwsTestApp.lambda("uploads"), event("s3-put.json"), context("uploads"));
        Event<StorageObjectEvent> event = received(0);
        StorageObjectEvent object = event.data();
        assertThat(object.key()).isEqualTo(record.getS3().getObject().getUrlDecodedKey())
                .isEqualTo("photos/cat photo+1%.png");
        assertThat(object.bucket()).isEqualTo(record.getS3().getBucket().getName());
        assertThat(object.change()).isEqualTo(StorageChange.CREATED);
        assertThat(object.size()).isEqualTo(record.getS3().getObject().getSizeAsLong());
        assertThat(object.etag()).isEqualTo(record.getS3().getObject().geteTag());
        assertThat(object.version()).isEqualTo(record.getS3().getObject().getVersionId());
        assertThat(object.time()).isEqualTo(Instant.ofEpochMilli(record.getEventTime().getMillis()));
        assertThat(event.subject()).contains(object.key());
        assertThat(event.type()).isEqualTo("com.amazonaws.s3.ObjectCreated:Put");
        assertThat(event.source()).isEqualTo("aws:s3.us-east-1.uploads");
        assertThat(event.id()).isEqualTo(record.getResponseElements().getxAmzRequestId() + "."
                + record.getResponseElements().getxAmzId2());
        assertThat(Json.tree(event.rawData().bytes()).get("eventName").asText()).isEqualTo("ObjectCreated:Put");

        invoke(AwsTestApp.lambda("uploads"), event("s3-delete.json"), context("uploads"));
        assertThat(AwsTestApp.RECEIVED).hasSize(1);
        invoke(AwsTestApp.lambda("deletions"), event("s3-delete.json"), context("deletions"));
        StorageObjectEvent deleted = (StorageObjectEvent) AwsTestApp.RECEIVED.get(1).data();
        assertThat(deleted.change()).isEqualTo(StorageChange.DELETED);
        assertThat(deleted.size()).isEqualTo(-1);
    }

    @Test
    void s3EventNamesMapToChanges() {
        assertThat(S3Events.change("ObjectCreated:CompleteMultipartUpload")).isEqualTo(StorageChange.CREATED);
        assertThat(S3Events.change("ObjectRemoved:DeleteMarkerCreated")).isEqualTo(StorageChange.DELETED);
        assertThat(S3Events.change("LifecycleExpiration:Delete")).isEqualTo(StorageChange.DELETED);
        assertThat(S3Events.change("LifecycleTransition")).isEqualTo(StorageChange.ARCHIVED);
        assertThat(S3Events.change("ObjectRestore:Completed")).isEqualTo(StorageChange.ARCHIVED);
        assertThat(S3Events.change("ObjectTagging:Put")).isEqualTo(StorageChange.METADATA_UPDATED);
        assertThat(S3Events.change("Replication:OperationFailedReplication")).isNull();
        assertThat(S3Events.encodeKey("photos/cat photo+1%.png")).isEqualTo("photos/cat+photo%2B1%25.png");
    }

    @Test
    void scheduledEventsBecomeTicksNamedAfterTheRule() throws Exception {
        ScheduledEvent aws = awsEvent("eventbridge-scheduled.json", ScheduledEvent.class);
        invoke(AwsTestApp.lambda("nightly"), event("eventbridge-scheduled.json"), context("nightly"));
        Event<ScheduleTick> event = received(0);
        assertThat(event.data()).isEqualTo(new ScheduleTick("triggers-NightlyFunctionNightly-1X2Y3Z",
                Instant.ofEpochMilli(aws.getTime().getMillis()), false));
        assertThat(event.id()).isEqualTo(aws.getId());
        assertThat(event.source()).isEqualTo(aws.getSource());
        assertThat(event.type()).isEqualTo(aws.getDetailType());
        assertThat(event.subject()).contains(aws.getResources().get(0));
    }

    @Test
    void otherEventBridgeEventsCarryTheirDetail() throws Exception {
        ScheduledEvent aws = awsEvent("eventbridge-custom.json", ScheduledEvent.class);
        invoke(AwsTestApp.lambda("nightly"), event("eventbridge-custom.json"), context("nightly"));
        Event<ScheduleTick> event = received(0);
        assertThat(event.type()).isEqualTo("EC2 Instance State-change Notification");
        assertThat(event.source()).isEqualTo("aws.ec2");
        assertThat(Json.tree(event.rawData().bytes())).isEqualTo(Json.mapper().valueToTree(aws.getDetail()));
        assertThat(event.data().schedule()).isEqualTo(aws.getDetailType());
    }

    @Test
    void kinesisRecordsAreDecodedAndTheFirstFailureIsReportedWithWhatFollows() throws Exception {
        KinesisEvent aws = awsEvent("kinesis.json", KinesisEvent.class);
        JsonNode response = invokeJson("clicks", event("kinesis.json"));
        assertThat(failures(response)).containsExactly(aws.getRecords().get(1).getKinesis().getSequenceNumber(),
                aws.getRecords().get(2).getKinesis().getSequenceNumber());
        assertThat(AwsTestApp.RECEIVED).hasSize(1);
        assertThat(received(0).data()).isEqualTo(new AwsTestApp.Click("/home", false));

        AwsTestApp.RECEIVED.clear();
        assertThat(failures(invokeJson("raw-clicks", event("kinesis.json")))).isEmpty();
        for (int i = 0; i < 3; i++) {
            KinesisEvent.KinesisEventRecord expected = aws.getRecords().get(i);
            Event<StreamRecord> event = received(i);
            StreamRecord record = event.data();
            ByteBuffer data = expected.getKinesis().getData();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            assertThat(record.data().bytes()).isEqualTo(bytes);
            assertThat(record.sequenceNumber()).isEqualTo(expected.getKinesis().getSequenceNumber())
                    .isEqualTo(event.id());
            assertThat(record.partitionKey()).isEqualTo(expected.getKinesis().getPartitionKey());
            assertThat(record.stream()).isEqualTo("clicks-stream");
            assertThat(record.shard()).isEqualTo("shardId-000000000006");
            assertThat(record.arrivedAt().toEpochMilli())
                    .isEqualTo(expected.getKinesis().getApproximateArrivalTimestamp().getTime());
            assertThat(event.source()).isEqualTo(expected.getEventSourceARN());
        }
    }

    @Test
    void dynamoDbImagesBecomePlainJson() throws Exception {
        DynamodbEvent aws = awsEvent("dynamodb.json", DynamodbEvent.class);
        assertThat(failures(invokeJson("inventory", event("dynamodb.json")))).isEmpty();
        ChangeRecord insert = (ChangeRecord) AwsTestApp.RECEIVED.get(0).data();
        var expected = aws.getRecords().get(0).getDynamodb();
        assertThat(insert.type()).isEqualTo(ChangeType.INSERT);
        assertThat(insert.source()).isEqualTo("inventory-table");
        assertThat(insert.sequenceNumber()).isEqualTo(expected.getSequenceNumber())
                .isEqualTo(AwsTestApp.RECEIVED.get(0).id());
        assertThat(insert.time().toEpochMilli()).isEqualTo(expected.getApproximateCreationDateTime().getTime());
        assertThat(insert.keys()).isEqualTo(Map.of("sku", expected.getKeys().get("sku").getS()));
        Map<String, Object> image = insert.newImage();
        assertThat(image.get("qty")).isEqualTo(3L);
        assertThat(image.get("price")).isEqualTo(new BigDecimal(expected.getNewImage().get("price").getN()));
        assertThat(image.get("big")).isEqualTo(new BigDecimal("123456789012345678901234567890"));
        assertThat(image.get("photo")).isEqualTo("AAH+/w==");
        assertThat(Base64.getDecoder().decode((String) image.get("photo")))
                .isEqualTo(bytes(expected.getNewImage().get("photo").getB()));
        assertThat(image.get("active")).isEqualTo(expected.getNewImage().get("active").getBOOL());
        assertThat(image).containsEntry("note", null);
        assertThat(image.get("dims")).isEqualTo(Map.of("w", 10L, "h", new BigDecimal("-2.5")));
        assertThat(image.get("tags")).isEqualTo(List.of("red", 7L));
        assertThat(image.get("colors")).isEqualTo(expected.getNewImage().get("colors").getSS());
        assertThat(image.get("sizes")).isEqualTo(List.of(1L, new BigDecimal("2.5")));
        assertThat(image.get("blobs")).isEqualTo(List.of("AAE=", "/w=="));
        assertThat(insert.oldImage()).isEmpty();
        assertThat(Json.encode(image)).asString(StandardCharsets.UTF_8).contains("\"qty\":3")
                .contains("\"price\":12.50");

        ChangeRecord modify = (ChangeRecord) AwsTestApp.RECEIVED.get(1).data();
        assertThat(modify.type()).isEqualTo(ChangeType.MODIFY);
        assertThat(modify.oldImage()).containsEntry("qty", 3L);
        assertThat(modify.newImage()).containsEntry("qty", 2L);
        ChangeRecord remove = (ChangeRecord) AwsTestApp.RECEIVED.get(2).data();
        assertThat(remove.type()).isEqualTo(ChangeType.REMOVE);
        assertThat(remove.newImage()).isEmpty();
        assertThat(AwsTestApp.RECEIVED.get(2).type()).isEqualTo("com.amazonaws.dynamodb.REMOVE");
    }

    @Test
    void malformedEventsNameTheExpectedSourceAndTheMissingField() {
        assertThatThrownBy(() -> invoke(AwsTestApp.lambda("orders"), event("sns.json"), context("orders")))
                .isInstanceOf(FunctionException.class)
                .hasMessage("Function 'orders' takes SQS events: record 0 comes from 'aws:sns', not 'aws:sqs'");
        ObjectNode noBody = (ObjectNode) eventTree("sqs.json");
        ((ObjectNode) noBody.get("Records").get(1)).remove("body");
        assertThatThrownBy(() -> invoke(AwsTestApp.lambda("orders"), Json.encode(noBody), context("orders")))
                .hasMessage("Function 'orders' takes SQS events: record 1 has no 'body'");
        assertThatThrownBy(() -> invoke(AwsTestApp.lambda("uploads"), "{}".getBytes(), context("uploads")))
                .hasMessage("Function 'uploads' takes S3 events: the event has no 'Records' array");
        assertThatThrownBy(() -> invoke(AwsTestApp.lambda("nightly"), event("sqs.json"), context("nightly")))
                .hasMessage("Function 'nightly' takes EventBridge events: the event has no 'detail-type'");
        ObjectNode noKeys = (ObjectNode) eventTree("dynamodb.json");
        ((ObjectNode) noKeys.get("Records").get(0).get("dynamodb")).remove("Keys");
        assertThatThrownBy(() -> invoke(AwsTestApp.lambda("inventory"), Json.encode(noKeys), context("inventory")))
                .hasMessage("Function 'inventory' takes DynamoDB Streams events: record 0 dynamodb has no 'Keys'"
                        + " object");
        ObjectNode badData = (ObjectNode) eventTree("kinesis.json");
        ((ObjectNode) badData.get("Records").get(0).get("kinesis")).put("data", "***");
        assertThatThrownBy(() -> invoke(AwsTestApp.lambda("clicks"), Json.encode(badData), context("clicks")))
                .isInstanceOf(FunctionException.class).hasMessageContaining("kinesis.data is not base64");
        assertThatThrownBy(() -> invoke(AwsTestApp.lambda("audit"), "[1]".getBytes(), context("audit")))
                .hasMessage("Function 'audit' takes SNS events: the event is not a JSON object");
    }

    @Test
    void typedFunctionsAreInvokedDirectlyWithTheirJson() throws Exception {
        assertThat(new String(invoke(AwsTestApp.lambda("greet"), "{\"name\":\"Ada\"}".getBytes(),
                context("greet")), StandardCharsets.UTF_8)).isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
        assertThat(new String(invoke(AwsTestApp.lambda("greet"), "{\"name\":\"\"}".getBytes(),
                context("greet")), StandardCharsets.UTF_8)).isEqualTo("null");
        assertThatThrownBy(() -> invoke(AwsTestApp.lambda("greet"), "{}".getBytes(), context("greet")))
                .isInstanceOf(FunctionException.class).hasMessage("Say who to greet");
        assertThatThrownBy(() -> invoke(AwsTestApp.lambda("greet"), "{".getBytes(), context("greet")))
                .isInstanceOf(FunctionException.class).hasMessageContaining("Malformed JSON");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

}
