package dev.fnkit.compat.gcp.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.cloud.functions.Context;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.Trigger;
import dev.fnkit.compat.gcp.GcpCompat;
import dev.fnkit.core.Application;
import dev.fnkit.gcp.FuzzEntryPoints;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Legacy background functions ({@link GcpCompat#background}, {@link GcpCompat#rawBackground}) on Google Cloud, with
 * fuzzed CloudEvents through {@code FnkitCloudEventsFunction}: the legacy payload and {@code Context} made from each
 * event, and the payload decoded into the function's type. The functions never fail themselves, so an event may only
 * be refused with a 4xx {@link FunctionException}.
 */
class LegacyEventFuzzTest {
    /** The Pub/Sub payload, as Cloud Functions samples declare it. */
    static final class PubSubMessage {
        private String data;
        private Map<String, String> attributes;
        private String messageId;
    }

    /** The object metadata of a legacy storage event. */
    static final class StorageObject {
        private String bucket;
        private String name;
        private long size;
        private Map<String, String> metadata;
        private List<String> acl;
    }

    private static final Application APP = Application.of(functions -> {
        GcpCompat.background(functions, "orders", Trigger.topic("orders-queue"), PubSubMessage.class,
                (message, context) -> read(context));
        GcpCompat.background(functions, "uploads", Trigger.storage("uploads", StorageChange.CREATED),
                StorageObject.class, (object, context) -> read(context));
        GcpCompat.rawBackground(functions, "inventory", Trigger.change("inventory"),
                (json, context) -> read(context));
    });

    private static void read(Context context) {
        assertThat(List.of(context.eventId(), context.eventType(), context.resource(), context.timestamp()))
                .doesNotContainNull();
    }

    /** Input as for {@code GcpFuzzTest#cloudEvent}: a line {@code pubsub|storage|firestore <type> <suffix>}, data. */
    @FuzzTest(maxDuration = "30s")
    void background(byte[] input) {
        FuzzEntryPoints.GoogleEvent event = FuzzEntryPoints.event(input);
        Throwable failure = FuzzEntryPoints.deliver(APP, event.function(), event.event());
        if (failure != null) {
            assertThat(failure).as("failure").isInstanceOf(FunctionException.class);
            assertThat(((FunctionException) failure).status()).as("status of %s", failure.getMessage())
                    .isBetween(400, 499);
        }
    }
}
