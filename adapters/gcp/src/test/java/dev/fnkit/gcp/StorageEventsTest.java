package dev.fnkit.gcp;

import dev.fnkit.api.FunctionException;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.core.Application;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageEventsTest {
    private static final String OBJECT = "{\"kind\":\"storage#object\",\"bucket\":\"uploads\",\"name\":\"photos/cat.png\","
            + "\"size\":\"1024\",\"contentType\":\"image/png\",\"etag\":\"CAE=\",\"generation\":\"1700000000000001\","
            + "\"timeCreated\":\"2024-05-06T07:00:00Z\",\"updated\":\"2024-05-06T07:05:00.5Z\"}";

    private final Application application = TestApp.application();

    private Object map(String function, CloudEvent event) {
        return GcpEvents.toEvent(application.function(function).orElseThrow(), event, Instant.now()).data();
    }

    @Test
    void mapsAFinalizedObject() {
        StorageObjectEvent object = (StorageObjectEvent) map("uploads", CloudEvents.storage("s-1",
                "google.cloud.storage.object.v1.finalized", "uploads", OBJECT).build());
        assertThat(object).isEqualTo(new StorageObjectEvent("uploads", "photos/cat.png", StorageChange.CREATED, 1024,
                "image/png", "CAE=", "1700000000000001", Instant.parse("2024-05-06T07:05:00.5Z")));
    }

    @ParameterizedTest
    @CsvSource({"finalized,CREATED", "deleted,DELETED", "archived,ARCHIVED", "metadataUpdated,METADATA_UPDATED"})
    void knowsEveryObjectEventType(String suffix, StorageChange change) {
        assertThat(StorageEvents.change(StorageEvents.TYPE_PREFIX + suffix)).isEqualTo(change);
        assertThat(StorageEvents.type(change)).isEqualTo(StorageEvents.TYPE_PREFIX + suffix);
    }

    @Test
    void takesBucketAndNameFromSourceAndSubjectWhenTheDataLacksThem() {
        StorageObjectEvent object = (StorageObjectEvent) map("archive", CloudEvents.storage("s-2",
                "google.cloud.storage.object.v1.archived", "cold", "{\"storageClass\":\"ARCHIVE\"}").build());
        assertThat(object.bucket()).isEqualTo("cold");
        assertThat(object.key()).isEqualTo("photos/cat.png");
        assertThat(object.change()).isEqualTo(StorageChange.ARCHIVED);
        assertThat(object.size()).isEqualTo(-1);
        assertThat(object.time()).isEqualTo(Instant.parse(CloudEvents.TIME));
    }

    @Test
    void rejectsMalformedObjects() {
        assertThatThrownBy(() -> map("uploads", CloudEvents.storage("s-3", "google.cloud.storage.object.v1.finalized",
                "uploads", "{\"bucket\":\"uploads\"}").withSubject(null).build()))
                .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.code()).isEqualTo("malformed-event"))
                .hasMessage("The Cloud Storage object event s-3 has no 'name' in its data (nor a subject"
                        + " objects/<name>)");
        assertThatThrownBy(() -> map("uploads", CloudEvents.storage("s-4", "google.cloud.storage.object.v1.finalized",
                "uploads", "{\"name\":\"a\",\"size\":\"big\"}").build()))
                .hasMessageContaining("has a 'size' that is not a whole number: 'big'");
    }

    @Test
    void rejectsAChangeKindTheFunctionDidNotDeclare() {
        assertThatThrownBy(() -> map("uploads", CloudEvents.storage("s-5", "google.cloud.storage.object.v1.deleted",
                "uploads", OBJECT).build()))
                .isInstanceOfSatisfying(FunctionException.class,
                        e -> assertThat(e.code()).isEqualTo("unexpected-event-type"))
                .hasMessageContaining("takes Cloud Storage google.cloud.storage.object.v1.finalized events, not"
                        + " google.cloud.storage.object.v1.deleted");
        assertThatThrownBy(() -> map("archive", CloudEvents.pubSubMessage("p-1", "t", "x")))
                .hasMessageContaining("takes Cloud Storage google.cloud.storage.object.v1.archived or"
                        + " google.cloud.storage.object.v1.deleted events");
    }
}
