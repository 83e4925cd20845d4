package dev.fnkit.compat.gcp;

import com.google.cloud.functions.CloudEventsFunction;
import com.google.cloud.functions.HttpFunction;
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
 * the one it did deliver); an exception means the event is retried.
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
