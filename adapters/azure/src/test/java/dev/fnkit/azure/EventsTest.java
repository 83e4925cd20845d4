package dev.fnkit.azure;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every event entry point with its trigger data and metadata exactly as the host hands them to the Java worker (a
 * {@code String} parameter gets strings as they are and other values as their Newtonsoft JSON).
 */
class EventsTest {
    private final FnkitAzure azure = Fixtures.entryPoint();

    @BeforeEach
    void clear() {
        TestApp.RECEIVED.clear();
    }

    private static Event<?> only() {
        assertThat(TestApp.RECEIVED).hasSize(1);
        return TestApp.RECEIVED.get(0);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void storageQueueMessagesCarryIdDequeueCountAndInsertionTime() throws Exception {
        azure.queue(utf8("{\"id\":\"o1\"}"), "7d2b1c4e-3f6a-4b5c-9d8e-1a2b3c4d5e6f", "2",
                "\"2024-05-01T10:15:30+00:00\"", Fixtures.execution("raw-orders").context());
        Event<?> event = only();
        QueueMessage message = (QueueMessage) event.data();
        assertThat(event.id()).isEqualTo("7d2b1c4e-3f6a-4b5c-9d8e-1a2b3c4d5e6f");
        assertThat(event.source()).isEqualTo("azure:storage-queue:raw-orders");
        assertThat(event.type()).isEqualTo(StorageQueueEvents.TYPE);
        assertThat(message.id()).isEqualTo(event.id());
        assertThat(message.queue()).isEqualTo("raw-orders");
        assertThat(message.deliveryCount()).isEqualTo(2);
        assertThat(message.sentAt()).isEqualTo(Instant.parse("2024-05-01T10:15:30Z"));
        assertThat(message.text()).isEqualTo("{\"id\":\"o1\"}");
        assertThat(event.nativeEvent(Map.class)).get().asString().contains("DequeueCount=2");
    }

    @Test
    void aThrowFailsTheInvocationSoTheQueueRetries() throws Exception {
        azure.queue(utf8("{\"id\":\"o2\"}"), "id-2", "1", "\"2024-05-01T10:15:30+00:00\"",
                Fixtures.execution("orders").context());
        assertThat(((TestApp.Order) only().data()).id()).isEqualTo("o2");
        Fixtures.Execution execution = Fixtures.execution("orders");
        assertThatThrownBy(() -> azure.queue(utf8("{\"id\":\"o3\",\"fail\":true}"), "id-3", "1",
                "\"2024-05-01T10:15:30+00:00\"", execution.context())).hasMessageContaining("o3 failed");
        assertThat(execution.logText()).contains("SEVERE", "Azure retries it");
    }

    @Test
    void aNonRetryableFunctionExceptionIsLoggedAndAcknowledged() throws Exception {
        Fixtures.Execution execution = Fixtures.execution("rejects");
        azure.queue(utf8("x"), "id-4", "1", "\"2024-05-01T10:15:30+00:00\"", execution.context());
        assertThat(execution.logText()).contains("422 bad-order");
    }

    @Test
    void serviceBusQueueMessagesCarryTheirMetadataAndApplicationProperties() throws Exception {
        azure.serviceBus(utf8("payload"), "msg-1", "3", "\"2024-05-01T10:15:30.1234567\"",
                Fixtures.event("servicebus-application-properties.json"),
                Fixtures.execution("raw-orders").context());
        QueueMessage message = (QueueMessage) only().data();
        assertThat(message.id()).isEqualTo("msg-1");
        assertThat(message.deliveryCount()).isEqualTo(3);
        assertThat(message.sentAt()).isEqualTo(Instant.parse("2024-05-01T10:15:30.1234567Z"));
        assertThat(message.attributes()).containsEntry("priority", "high").containsEntry("attempt", "2");
        assertThat(only().source()).isEqualTo("azure:service-bus:raw-orders");
    }

    @Test
    void serviceBusTopicMessagesBecomeTopicMessages() throws Exception {
        azure.serviceBus(utf8("{\"actor\":\"ada\"}"), "msg-2", "1", "\"2024-05-01T10:15:30\"", "{}",
                Fixtures.execution("audit").context());
        TopicMessage message = (TopicMessage) only().data();
        assertThat(message.id()).isEqualTo("msg-2");
        assertThat(message.topic()).isEqualTo("audit-events");
        assertThat(message.publishedAt()).isEqualTo(Instant.parse("2024-05-01T10:15:30Z"));
        assertThat(message.subscription()).isNull();
        assertThat(message.text()).contains("ada");
    }

    @Test
    void eventGridBlobCreatedInTheEventGridSchemaIsAStorageObjectEvent() throws Exception {
        azure.eventGrid(Fixtures.event("eventgrid-blob-created.json"), Fixtures.execution("removed").context());
        Event<?> event = only();
        StorageObjectEvent object = (StorageObjectEvent) event.data();
        assertThat(object).isEqualTo(new StorageObjectEvent("uploads", "photos/cat photo.png", StorageChange.CREATED,
                524288, "image/png", "\"0x8D4BCC2E4835CD0\"", null, Instant.parse("2024-05-01T18:41:00.9584103Z")));
        assertThat(event.id()).isEqualTo("831e1650-001e-001b-66ab-eeb76e069631");
        assertThat(event.type()).isEqualTo("Microsoft.Storage.BlobCreated");
        assertThat(event.source()).endsWith("/storageAccounts/shopfiles");
        assertThat(event.subject()).contains("/blobServices/default/containers/uploads/blobs/photos/cat photo.png");
    }

    @Test
    void eventGridBlobDeletedHasNoSize() throws Exception {
        azure.eventGrid(Fixtures.event("eventgrid-blob-deleted.json"), Fixtures.execution("removed").context());
        StorageObjectEvent object = (StorageObjectEvent) only().data();
        assertThat(object.change()).isEqualTo(StorageChange.DELETED);
        assertThat(object.key()).isEqualTo("old.txt");
        assertThat(object.size()).isEqualTo(-1);
    }

    @Test
    void eventGridEventsForAnotherContainerAreSkipped() throws Exception {
        Fixtures.Execution execution = Fixtures.execution("removed");
        azure.eventGrid(Fixtures.event("eventgrid-blob-created-other-container.json"), execution.context());
        assertThat(TestApp.RECEIVED).isEmpty();
        assertThat(execution.logText()).contains("Skipped");
    }

    @Test
    void cloudEventsSchemaBlobEventsAreStorageObjectEventsToo() throws Exception {
        azure.eventGrid(Fixtures.event("cloudevents-blob-created.json"), Fixtures.execution("removed").context());
        StorageObjectEvent object = (StorageObjectEvent) only().data();
        assertThat(object.key()).isEqualTo("report.csv");
        assertThat(object.size()).isEqualTo(30699);
        assertThat(object.contentType()).isEqualTo("text/csv");
    }

    @Test
    void cloudEventsSchemaCustomEventsForATopicFunctionAreTopicMessages() throws Exception {
        azure.eventGrid(Fixtures.event("cloudevents-custom-topic.json"), Fixtures.execution("audit").context());
        Event<?> event = only();
        TopicMessage message = (TopicMessage) event.data();
        assertThat(event.id()).isEqualTo("A234-1234-1234");
        assertThat(event.type()).isEqualTo("com.shop.audit.login");
        assertThat(event.extension("traceparent")).contains("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(message.topic()).isEqualTo("audit-events");
        assertThat(message.text()).isEqualTo("{\"actor\":\"ada\",\"action\":\"login\"}");
        assertThat(message.attributes()).containsEntry("type", "com.shop.audit.login")
                .containsEntry("subject", "users/ada");
    }

    @Test
    void eventGridSchemaCustomEventsKeepTheirDataVersion() throws Exception {
        azure.eventGrid(Fixtures.event("eventgrid-custom-topic.json"), Fixtures.execution("audit").context());
        Event<?> event = only();
        assertThat(event.type()).isEqualTo("com.shop.audit.logout");
        assertThat(event.source()).endsWith("/topics/audit-events");
        assertThat(event.extension("dataversion")).contains("1.0");
        assertThat(((TopicMessage) event.data()).publishedAt()).isEqualTo(Instant.parse("2024-05-01T17:32:00.1234567Z"));
    }

    @Test
    void binaryEventGridDataTravelsAsDataBase64() throws Exception {
        Event<TopicMessage> sent = Event.<TopicMessage>builder().id("b1").source("s").type("com.shop.blob")
                .data(new TopicMessage("b1", "audit-events", dev.fnkit.api.Body.of(new byte[] {0, (byte) 0xff}),
                        Map.of(), null, null)).build();
        String cloudEvent = EventGridEvents.topicEvent(sent, "audit-events");
        assertThat(cloudEvent).contains("\"data_base64\":\"AP8=\"", "\"specversion\":\"1.0\"");
        azure.eventGrid(cloudEvent, Fixtures.execution("audit").context());
        assertThat(((TopicMessage) only().data()).body().bytes()).containsExactly(0, 0xff);
    }

    @Test
    void malformedEventGridEventsFailTheInvocation() {
        assertThatThrownBy(() -> azure.eventGrid("{\"nope\":true}", Fixtures.execution("audit").context()))
                .isInstanceOf(FunctionException.class).hasMessageContaining("has no 'id'");
    }

    @Test
    void eventHubsBatchesAreStreamRecordsWithTheirSystemProperties() throws Exception {
        azure.eventHub(List.of(utf8("{\"page\":\"/home\"}"), utf8("{\"page\":\"/cart\"}")),
                Fixtures.event("eventhub-system-properties.json"), Fixtures.execution("clicks").context());
        assertThat(TestApp.RECEIVED).hasSize(2);
        StreamRecord first = (StreamRecord) TestApp.RECEIVED.get(0).data();
        StreamRecord second = (StreamRecord) TestApp.RECEIVED.get(1).data();
        assertThat(first).isEqualTo(new StreamRecord("clicks-stream", "user-1", "4712",
                first.data(), Instant.parse("2024-05-01T10:15:30.123Z"), null));
        assertThat(first.text()).isEqualTo("{\"page\":\"/home\"}");
        assertThat(second.partitionKey()).isNull();
        assertThat(TestApp.RECEIVED.get(1).id()).isEqualTo("4713");
    }

    @Test
    void anyFailedItemFailsTheWholeEventHubsBatch() {
        assertThatThrownBy(() -> azure.eventHub(List.of(utf8("ok"), utf8("fail")),
                Fixtures.event("eventhub-system-properties.json"), Fixtures.execution("clicks").context()))
                .isInstanceOf(FunctionException.class).hasMessageContaining("1 of 2 events failed (4713)");
        assertThat(TestApp.RECEIVED).hasSize(1);
    }

    @Test
    void blobTriggersAreCreatedObjectsNamedByTheirPath() throws Exception {
        azure.blob(new byte[] {1, 2, 3}, "photos/cat.png", Fixtures.event("blob-properties.json"),
                Fixtures.execution("uploads").context());
        Event<?> event = only();
        StorageObjectEvent object = (StorageObjectEvent) event.data();
        assertThat(object).isEqualTo(new StorageObjectEvent("uploads", "photos/cat.png", StorageChange.CREATED, 3,
                "image/png", "\"0x8DC6A1B2C3D4E5F\"", "2024-05-01T18:41:00.1234567Z",
                Instant.parse("2024-05-01T18:41:00Z")));
        assertThat(event.rawData().bytes()).containsExactly(1, 2, 3);
        assertThat(event.subject()).contains("/blobServices/default/containers/uploads/blobs/photos/cat.png");
    }

    @Test
    void timerTicksAreScheduledAtTheOccurrenceBeingRunAndKeepPastDue() throws Exception {
        azure.timer(Fixtures.event("timer-info.json"), Fixtures.execution("nightly").context());
        azure.timer(Fixtures.event("timer-info-past-due.json"), Fixtures.execution("nightly").context());
        assertThat(TestApp.RECEIVED.stream().map(e -> (Object) e.data()).toList()).containsExactly(
                new ScheduleTick("nightly", Instant.parse("2024-05-01T02:00:00Z"), false),
                new ScheduleTick("nightly", Instant.parse("2024-04-30T02:00:00Z"), true));
    }

    @Test
    void timerTicksWithoutAScheduleStatusAreScheduledNow() throws Exception {
        Instant before = Instant.now();
        azure.timer(Fixtures.event("timer-info-unmonitored.json"), Fixtures.execution("nightly").context());
        assertThat(((ScheduleTick) only().data()).scheduledTime()).isAfterOrEqualTo(before);
    }

    @Test
    void cosmosDbChangesAreModificationsWithoutSystemProperties() throws Exception {
        azure.cosmosDb(Fixtures.event("cosmosdb-documents.json"), Fixtures.execution("inventory").context());
        assertThat(TestApp.RECEIVED).hasSize(2);
        Event<?> event = TestApp.RECEIVED.get(0);
        ChangeRecord change = (ChangeRecord) event.data();
        assertThat(event.id()).isEqualTo("A1@12");
        assertThat(change.source()).isEqualTo("inventory");
        assertThat(change.type()).isEqualTo(ChangeType.MODIFY);
        assertThat(change.keys()).isEqualTo(Map.of("id", "A1"));
        assertThat(change.newImage()).containsOnlyKeys("id", "sku", "qty", "tags").containsEntry("qty", 3);
        assertThat(change.sequenceNumber()).isEqualTo("12");
        assertThat(change.time()).isEqualTo(Instant.ofEpochSecond(1714548896));
    }

    @Test
    void anEntryPointThatDoesNotServeTheFunctionsTriggerSaysSo() {
        assertThatThrownBy(() -> azure.timer("{}", Fixtures.execution("orders").context()))
                .hasMessageContaining("not served by this Azure trigger");
    }
}
