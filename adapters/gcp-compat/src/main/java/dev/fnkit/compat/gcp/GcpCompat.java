package dev.fnkit.compat.gcp;

import com.google.cloud.functions.BackgroundFunction;
import com.google.cloud.functions.CloudEventsFunction;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.RawBackgroundFunction;
import dev.fnkit.api.EventDeclaration;
import dev.fnkit.api.Functions;
import dev.fnkit.api.HttpDeclaration;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.EventData;

/**
 * Declares existing Google Cloud Functions as portable fnkit functions, so that unchanged Cloud Functions code runs
 * on every fnkit target:
 *
 * <pre>{@code
 * GcpCompat.http(functions, "hello", new HelloHttp()).route("GET", "/hello");
 * GcpCompat.pubSub(functions, "audit", "audit-events", new AuditSubscriber());
 * }</pre>
 *
 * <p>An {@link HttpFunction} gets the Functions Framework's request and response over the portable request and its
 * buffered answer becomes the portable response; an exception is a 500, as under the Functions Framework. A
 * {@link CloudEventsFunction} gets the CloudEvent Google would deliver for the portable event (on Google Cloud,
 * the one it did deliver); a legacy {@link BackgroundFunction} or {@link RawBackgroundFunction} gets the legacy
 * payload and {@code Context} made from that CloudEvent. For events, an exception means the event is retried.
 */
public final class GcpCompat {
    private GcpCompat() {
    }

    /** An HTTP function; declare its routes (without any it serves {@code /name}). */
    public static HttpDeclaration http(Functions functions, String name, HttpFunction function) {
        return functions.http(name, (request, context) -> {
            BufferedHttpResponse response = new BufferedHttpResponse();
            function.service(new PortableHttpRequest(request), response);
            return response.toPortable();
        });
    }

    /** A CloudEvents function on any event trigger. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static EventDeclaration cloudEvents(Functions functions, String name, Trigger trigger,
                                               CloudEventsFunction function) {
        Class<Object> recordType = (Class) EventData.recordType(trigger);
        return functions.event(name, trigger, recordType, (event, context) ->
                function.accept(GoogleCloudEvents.of(event, context.functionName())));
    }

    /**
     * A legacy background function on any event trigger: it gets the legacy payload decoded into {@code type} (by
     * field names, unknown ones ignored, as the Functions Framework's Gson does) and the legacy {@code Context}, as
     * for {@code google.pubsub.topic.publish} or {@code google.storage.object.*} events. A payload that does not fit
     * {@code type} is refused with a 400 {@code malformed-event}, so the event is not retried.
     */
    public static <T> EventDeclaration background(Functions functions, String name, Trigger trigger, Class<T> type,
                                                  BackgroundFunction<T> function) {
        return legacy(functions, name, trigger, legacy ->
                function.accept(LegacyPayloads.decode(legacy.data(), type), legacy.context()));
    }

    /** A legacy background function on any event trigger that reads the legacy payload as JSON text. */
    public static EventDeclaration rawBackground(Functions functions, String name, Trigger trigger,
                                                 RawBackgroundFunction function) {
        return legacy(functions, name, trigger, legacy -> function.accept(legacy.data(), legacy.context()));
    }

    private interface LegacyHandler {
        void handle(LegacyEvent event) throws Exception;
    }

    private static EventDeclaration legacy(Functions functions, String name, Trigger trigger, LegacyHandler handler) {
        return cloudEvents(functions, name, trigger, event -> handler.handle(LegacyEvent.of(event)));
    }

    /** A CloudEvents function on messages published to {@code topic} (Pub/Sub {@code messagePublished}). */
    public static EventDeclaration pubSub(Functions functions, String name, String topic,
                                          CloudEventsFunction function) {
        return cloudEvents(functions, name, Trigger.topic(topic), function);
    }

    /** A CloudEvents function on object changes in {@code bucket} (Cloud Storage object events). */
    public static EventDeclaration storage(Functions functions, String name, String bucket, StorageChange change,
                                           CloudEventsFunction function) {
        return cloudEvents(functions, name, Trigger.storage(bucket, change), function);
    }
}
