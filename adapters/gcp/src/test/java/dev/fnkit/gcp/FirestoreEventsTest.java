package dev.fnkit.gcp;

import com.google.events.cloud.firestore.v1.ArrayValue;
import com.google.events.cloud.firestore.v1.Document;
import com.google.events.cloud.firestore.v1.DocumentEventData;
import com.google.events.cloud.firestore.v1.MapValue;
import com.google.events.cloud.firestore.v1.Value;
import com.google.protobuf.ByteString;
import com.google.protobuf.NullValue;
import com.google.protobuf.Timestamp;
import com.google.type.LatLng;
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.ChangeType;
import dev.fnkit.api.FunctionException;
import dev.fnkit.core.Application;
import dev.fnkit.core.Json;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FirestoreEventsTest {
    private static final String NAME = "projects/test-project/databases/(default)/documents/inventory/sku-1";

    private final Application application = TestApp.application();

    private ChangeRecord map(CloudEvent event) {
        return (ChangeRecord) GcpEvents.toEvent(application.function("inventory").orElseThrow(), event,
                Instant.now()).data();
    }

    private static Value string(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    private static Document document(Map<String, Value> fields) {
        return Document.newBuilder().setName(NAME).putAllFields(fields)
                .setUpdateTime(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(5_000_000)).build();
    }

    private static Map<String, Value> everyValueType() {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("name", string("Widget"));
        fields.put("count", Value.newBuilder().setIntegerValue(7).build());
        fields.put("price", Value.newBuilder().setDoubleValue(9.5).build());
        fields.put("active", Value.newBuilder().setBooleanValue(true).build());
        fields.put("nothing", Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build());
        fields.put("at", Value.newBuilder().setTimestampValue(Timestamp.newBuilder().setSeconds(1_700_000_000L)).build());
        fields.put("raw", Value.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {0, (byte) 255})).build());
        fields.put("ref", Value.newBuilder().setReferenceValue(NAME).build());
        fields.put("where", Value.newBuilder().setGeoPointValue(LatLng.newBuilder().setLatitude(1.5)
                .setLongitude(-2.25)).build());
        fields.put("tags", Value.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(string("a"))
                .addValues(Value.newBuilder().setIntegerValue(2))).build());
        fields.put("dims", Value.newBuilder().setMapValue(MapValue.newBuilder().putFields("w", string("10"))
                .putFields("h", Value.newBuilder().setIntegerValue(20).build())).build());
        return fields;
    }

    private static final String EXPECTED_FIELDS = "{\"active\":true,\"at\":\"2023-11-14T22:13:20Z\","
            + "\"count\":7,\"dims\":{\"h\":20,\"w\":\"10\"},\"name\":\"Widget\",\"nothing\":null,\"price\":9.5,"
            + "\"raw\":\"AP8=\",\"ref\":\"" + NAME + "\",\"tags\":[\"a\",2],"
            + "\"where\":{\"latitude\":1.5,\"longitude\":-2.25}}";

    @Test
    void decodesProtobufDataIntoPlainJsonValues() {
        byte[] data = DocumentEventData.newBuilder().setValue(document(everyValueType())).build().toByteArray();
        ChangeRecord change = map(CloudEvents.firestore("f-1", "written", "application/protobuf", data).build());

        assertThat(change.type()).isEqualTo(ChangeType.INSERT);
        assertThat(change.source()).isEqualTo("inventory");
        assertThat(change.keys()).isEqualTo(Map.of("name", NAME, "id", "sku-1"));
        assertThat(new String(Json.encode(change.newImage()), StandardCharsets.UTF_8)).isEqualTo(EXPECTED_FIELDS);
        assertThat(change.oldImage()).isEmpty();
        assertThat(change.time()).isEqualTo(Instant.parse(CloudEvents.TIME));
    }

    @Test
    void decodesTheJsonFormToTheSameValues() {
        String json = "{\"value\":{\"name\":\"" + NAME + "\",\"fields\":{"
                + "\"name\":{\"stringValue\":\"Widget\"},\"count\":{\"integerValue\":\"7\"},"
                + "\"price\":{\"doubleValue\":9.5},\"active\":{\"booleanValue\":true},\"nothing\":{\"nullValue\":null},"
                + "\"at\":{\"timestampValue\":\"2023-11-14T22:13:20Z\"},\"raw\":{\"bytesValue\":\"AP8=\"},"
                + "\"ref\":{\"referenceValue\":\"" + NAME + "\"},"
                + "\"where\":{\"geoPointValue\":{\"latitude\":1.5,\"longitude\":-2.25}},"
                + "\"tags\":{\"arrayValue\":{\"values\":[{\"stringValue\":\"a\"},{\"integerValue\":\"2\"}]}},"
                + "\"dims\":{\"mapValue\":{\"fields\":{\"w\":{\"stringValue\":\"10\"},\"h\":{\"integerValue\":\"20\"}}}}"
                + "}},\"oldValue\":{\"name\":\"" + NAME + "\",\"fields\":{\"count\":{\"integerValue\":\"6\"}}},"
                + "\"updateMask\":{\"fieldPaths\":[\"count\"]}}";
        ChangeRecord change = map(CloudEvents.firestore("f-2", "updated", "application/json",
                json.getBytes(StandardCharsets.UTF_8)).build());

        assertThat(change.type()).isEqualTo(ChangeType.MODIFY);
        assertThat(new String(Json.encode(change.newImage()), StandardCharsets.UTF_8)).isEqualTo(EXPECTED_FIELDS);
        assertThat(change.oldImage()).isEqualTo(Map.of("count", 6L));
    }

    @Test
    void tellsTheChangeTypeFromTheEventTypeOrTheSnapshots() {
        Document doc = document(Map.of("n", string("x")));
        byte[] both = DocumentEventData.newBuilder().setValue(doc).setOldValue(doc).build().toByteArray();
        byte[] before = DocumentEventData.newBuilder().setOldValue(doc).build().toByteArray();
        byte[] after = DocumentEventData.newBuilder().setValue(doc).build().toByteArray();
        assertThat(map(CloudEvents.firestore("a", "written", "application/protobuf", both).build()).type())
                .isEqualTo(ChangeType.MODIFY);
        assertThat(map(CloudEvents.firestore("b", "written", "application/protobuf", before).build()).type())
                .isEqualTo(ChangeType.REMOVE);
        assertThat(map(CloudEvents.firestore("c", "deleted", "application/protobuf", before).build()).type())
                .isEqualTo(ChangeType.REMOVE);
        assertThat(map(CloudEvents.firestore("d", "created.withAuthContext", "application/protobuf", after).build())
                .type()).isEqualTo(ChangeType.INSERT);
    }

    @Test
    void namesTheDocumentFromTheSubjectWhenTheSnapshotsDoNot() {
        byte[] empty = DocumentEventData.newBuilder().setValue(Document.newBuilder()
                .putFields("n", string("x"))).build().toByteArray();
        ChangeRecord change = map(CloudEvents.firestore("e", "created", "application/protobuf", empty)
                .withSubject("documents/shops/s1/inventory/sku-9").build());
        assertThat(change.source()).isEqualTo("shops/s1/inventory");
        assertThat(change.keys()).containsEntry("id", "sku-9");
    }

    @Test
    void rejectsDataThatIsNotADocumentEvent() {
        assertThatThrownBy(() -> map(CloudEvents.firestore("g-1", "written", "application/protobuf",
                new byte[] {(byte) 0xff, 0x01, 0x02}).build()))
                .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.code()).isEqualTo("malformed-event"))
                .hasMessageStartingWith("The Firestore document event g-1 has data that is not a protobuf"
                        + " DocumentEventData");
        assertThatThrownBy(() -> map(CloudEvents.firestore("g-2", "written", "application/json",
                "{\"value\":{\"fields\":{\"n\":{\"stringValue\":\"x\",\"integerValue\":\"1\"}}}}"
                        .getBytes(StandardCharsets.UTF_8)).build()))
                .hasMessageContaining("'value.fields.n' is not a Firestore value");
        assertThatThrownBy(() -> map(CloudEvents.firestore("g-3", "written", "application/json",
                "{\"value\":{\"fields\":{}}}".getBytes(StandardCharsets.UTF_8)).withSubject(null)
                .withoutExtension("document").build()))
                .hasMessageContaining("names no document");
        assertThatThrownBy(() -> map(CloudEvents.firestore("g-4", "document.v1.exported", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8)).build()))
                .isInstanceOfSatisfying(FunctionException.class,
                        e -> assertThat(e.code()).isEqualTo("unexpected-event-type"));
    }

    @Test
    void writesPlainValuesBackAsFirestoreJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("s", "x");
        fields.put("n", 3);
        fields.put("d", 1.5);
        fields.put("b", false);
        fields.put("z", null);
        fields.put("l", List.of("a", Map.of("k", 1L)));
        String json = FirestoreValues.fieldsToJson(fields).toString();
        assertThat(json).isEqualTo("{\"s\":{\"stringValue\":\"x\"},\"n\":{\"integerValue\":\"3\"},"
                + "\"d\":{\"doubleValue\":1.5},\"b\":{\"booleanValue\":false},\"z\":{\"nullValue\":null},"
                + "\"l\":{\"arrayValue\":{\"values\":[{\"stringValue\":\"a\"},{\"mapValue\":{\"fields\":"
                + "{\"k\":{\"integerValue\":\"1\"}}}}]}}}");
        assertThat(FirestoreValues.fieldsFromJson(Json.tree(json.getBytes(StandardCharsets.UTF_8)), "f"))
                .containsEntry("n", 3L).containsEntry("l", List.of("a", Map.of("k", 1L)));
    }
}
