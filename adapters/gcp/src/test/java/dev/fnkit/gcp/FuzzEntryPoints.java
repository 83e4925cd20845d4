package dev.fnkit.gcp;

import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Application;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The GCP entry points over in-memory requests and SDK CloudEvents, for the fuzz tests in {@code dev.fnkit.gcp.fuzz}
 * and the compat layer's.
 */
public final class FuzzEntryPoints {
    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());
    private static final Map<String, String> ENVIRONMENT = Map.of("GOOGLE_CLOUD_PROJECT", "test-project");

    private FuzzEntryPoints() {
    }

    /** Serves a request through {@link FnkitHttpFunction#service}. */
    public static HttpResponse http(Application application, String function, String method, String uri,
                                    Map<String, List<String>> headers, byte[] body) throws IOException {
        MemoryHttpResponse response = new MemoryHttpResponse();
        new FnkitHttpFunction(GcpRuntime.of(application, function, ENVIRONMENT), DISCARD)
                .service(new MemoryHttpRequest(method, uri, headers, body), response);
        return response.toPortable();
    }

    /** Delivers an event through {@link FnkitCloudEventsFunction}; null when it succeeded, else the failure. */
    public static Throwable deliver(Application application, String function, CloudEvent event) {
        return new FnkitCloudEventsFunction(GcpRuntime.of(application, function, ENVIRONMENT), DISCARD)
                .deliver(event);
    }

    /**
     * A fuzzed event as Eventarc would send it, and the function it is for.
     *
     * @param function {@code orders} (a Pub/Sub topic), {@code uploads} (a Cloud Storage bucket) or {@code inventory}
     *                 (a Firestore collection)
     * @param event    the CloudEvent
     */
    public record GoogleEvent(String function, CloudEvent event) {
    }

    /**
     * The event an input describes: a line {@code pubsub|storage|firestore <datacontenttype> <type suffix>}, then the
     * event's data bytes.
     */
    public static GoogleEvent event(byte[] input) {
        int newline = indexOf(input, (byte) '\n');
        String[] head = new String(input, 0, newline < 0 ? input.length : newline, StandardCharsets.UTF_8)
                .split(" ", 3);
        byte[] data = newline < 0 ? new byte[0] : Arrays.copyOfRange(input, newline + 1, input.length);
        String contentType = head.length > 1 && !head[1].isEmpty() ? head[1] : "application/json";
        String suffix = head.length > 2 ? head[2] : "";
        CloudEventBuilder event = CloudEventBuilder.v1().withId("fuzz-1")
                .withTime(OffsetDateTime.parse("2024-05-06T07:08:09.123Z"))
                .withData(contentType, data);
        String function;
        switch (head[0]) {
            case "storage" -> {
                function = "uploads";
                event.withSource(URI.create("//storage.googleapis.com/projects/_/buckets/uploads"))
                        .withType("google.cloud.storage.object.v1." + (suffix.isEmpty() ? "finalized" : suffix))
                        .withSubject("objects/photos/cat.png");
            }
            case "firestore" -> {
                function = "inventory";
                event.withSource(URI.create("//firestore.googleapis.com/projects/test-project/databases/(default)"))
                        .withType("google.cloud.firestore.document.v1." + (suffix.isEmpty() ? "written" : suffix))
                        .withSubject("documents/inventory/sku-1")
                        .withExtension("document", "inventory/sku-1")
                        .withExtension("database", "(default)");
            }
            default -> {
                function = "orders";
                event.withSource(URI.create("//pubsub.googleapis.com/projects/test-project/topics/orders-queue"))
                        .withType("google.cloud.pubsub.topic.v1." + (suffix.isEmpty() ? "messagePublished" : suffix));
            }
        }
        return new GoogleEvent(function, event.build());
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
