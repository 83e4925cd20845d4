package dev.fnkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;
import dev.fnkit.core.Application;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.Json;
import dev.fnkit.core.ProviderEmulator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;

/**
 * Runs functions in-process through AWS Lambda's native shapes and {@link FnkitLambda}'s own code: an HTTP request
 * goes in as an HTTP API (payload 2.0) event and the function's answer comes back as a client of the HTTP API would
 * see it; a typed function is invoked directly with its JSON; events go in as the native event of the function's
 * trigger (an SQS, Kinesis or DynamoDB Streams batch in one invocation, each SNS, S3 or EventBridge event in its own),
 * and {@code batchItemFailures} (or a failed invocation) come back as a {@link BatchResult}. Native payloads use
 * region {@value #REGION} and account {@value #ACCOUNT}.
 */
public final class AwsEmulator implements ProviderEmulator {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";

    private final Map<Application, Map<String, FnkitLambda>> handlers = new WeakHashMap<>();

    /** Used by {@link java.util.ServiceLoader}. */
    public AwsEmulator() {
    }

    @Override
    public Provider provider() {
        return Provider.AWS_LAMBDA;
    }

    @Override
    public HttpResponse http(Application application, FunctionDefinition function, HttpRequest request)
            throws Exception {
        String requestId = UUID.randomUUID().toString();
        byte[] event = Json.encode(HttpApiEmulation.toEvent(request, requestId, Instant.now()));
        return HttpApiEmulation.toResponse(Json.tree(invoke(application, function, event)));
    }

    @Override
    public Body typed(Application application, FunctionDefinition function, Body input) throws Exception {
        byte[] result = invoke(application, function, input.bytes());
        return Arrays.equals(result, "null".getBytes(StandardCharsets.US_ASCII)) ? Body.EMPTY : Body.of(result);
    }

    @Override
    public BatchResult events(Application application, FunctionDefinition function, List<Event<?>> events)
            throws Exception {
        if (events.isEmpty()) {
            return BatchResult.success();
        }
        EventSource source = EventSource.of(function.trigger());
        if (source.failures(source.toNative(events.subList(0, 1), function)) == EventSource.Failures.WHOLE_EVENT) {
            List<String> failed = new ArrayList<>();
            for (Event<?> event : events) {
                if (!delivered(application, function, source.toNative(List.of(event), function))) {
                    failed.add(event.id());
                }
            }
            return BatchResult.failed(failed);
        }
        Map<String, String> portableIds = new HashMap<>();
        for (Event<?> event : events) {
            portableIds.put(nativeId(source, event), event.id());
        }
        byte[] result;
        try {
            result = invoke(application, function, Json.encode(source.toNative(events, function)));
        } catch (Exception e) {
            return BatchResult.failed(events.stream().map(Event::id).toList());
        }
        List<String> failed = new ArrayList<>();
        for (String id : BatchResponses.read(Json.tree(result))) {
            failed.add(portableIds.getOrDefault(id, id));
        }
        return BatchResult.failed(failed);
    }

    private boolean delivered(Application application, FunctionDefinition function, JsonNode event) {
        try {
            invoke(application, function, Json.encode(event));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String nativeId(EventSource source, Event<?> event) {
        if (source == KinesisEvents.INSTANCE) {
            return KinesisEvents.sequenceNumber(event);
        } else if (source == DynamoDbEvents.INSTANCE) {
            return DynamoDbEvents.sequenceNumber(event);
        }
        return event.id();
    }

    private byte[] invoke(Application application, FunctionDefinition function, byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        EmulatedLambdaContext context = new EmulatedLambdaContext(UUID.randomUUID().toString(), function.name(),
                function.options().memoryMb(), Instant.now().plus(function.options().timeout()));
        handler(application, function).handleRequest(new ByteArrayInputStream(event), out, context);
        return out.toByteArray();
    }

    private FnkitLambda handler(Application application, FunctionDefinition function) {
        synchronized (handlers) {
            return handlers.computeIfAbsent(application, a -> new LinkedHashMap<>())
                    .computeIfAbsent(function.name(), name -> FnkitLambda.of(application, function.name()));
        }
    }
}
