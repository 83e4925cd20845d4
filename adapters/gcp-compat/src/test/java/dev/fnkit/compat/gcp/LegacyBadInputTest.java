package dev.fnkit.compat.gcp;

import dev.fnkit.api.FunctionException;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.Application;
import dev.fnkit.gcp.FuzzEntryPoints;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events that Google's CloudEvent decoding accepts but whose legacy payload does not fit the background function's
 * type, delivered through {@code FnkitCloudEventsFunction}: refused with 400 {@code malformed-event}, so they are
 * acknowledged rather than retried for ever.
 */
class LegacyBadInputTest {
    /** A legacy storage payload type with a field the CloudEvent decoding does not read. */
    static final class StorageObject {
        private String name;
        private List<String> acl;
    }

    /** A legacy Firestore payload type: the document as JSON. */
    static final class Document {
        private Map<String, Object> value;
    }

    private static final Application APP = Application.of(functions -> {
        GcpCompat.background(functions, "uploads", Trigger.storage("uploads", StorageChange.CREATED),
                StorageObject.class, (object, context) -> { });
        GcpCompat.background(functions, "inventory", Trigger.change("inventory"), Document.class,
                (document, context) -> { });
    });

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "storage-field-wrong-type | storage application/json\\n{\"bucket\":\"uploads\",\"name\":\"a\",\"acl\":{}}",
        "firestore-protobuf-to-typed | firestore application/protobuf\\n\\n\\005\\n\\003abc"})
    void refused(String name, String input) {
        FuzzEntryPoints.GoogleEvent event = FuzzEntryPoints.event(bytes(input));
        Throwable failure = FuzzEntryPoints.deliver(APP, event.function(), event.event());
        assertThat(failure).as(name).isInstanceOf(FunctionException.class);
        FunctionException refused = (FunctionException) failure;
        assertThat(refused.status() + " " + refused.code()).as(refused.getMessage()).isEqualTo("400 malformed-event");
    }

    private static byte[] bytes(String escaped) {
        return escaped.translateEscapes().getBytes(StandardCharsets.ISO_8859_1);
    }
}
