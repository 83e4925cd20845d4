package dev.fnkit.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.Application;
import dev.fnkit.core.EventData;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.Json;
import dev.fnkit.core.Problem;
import dev.fnkit.core.ProviderEmulator;
import dev.fnkit.core.RouteTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Runs functions in-process through Azure Functions' native shapes and {@link FnkitAzure}'s own methods, with the
 * packager's default settings: an HTTP request becomes the {@code HttpRequestMessage} the Java worker builds (single
 * comma-joined headers, the URL with the raw query) for the Azure function whose route matches, and the
 * {@code HttpResponseMessage} comes back as the host would send it; a typed function is a JSON {@code POST}; events
 * go in as their trigger delivers them — each queue, Service Bus, Event Grid, blob or timer event in its own
 * invocation (so each fails on its own), an Event Hubs or Cosmos DB batch in one invocation (a failure fails every
 * item, as Azure has no per-item failure).
 */
public final class AzureEmulator implements ProviderEmulator {
    private final Map<Application, FnkitAzure> entryPoints = new WeakHashMap<>();

    /** Used by {@link java.util.ServiceLoader}. */
    public AzureEmulator() {
    }

    @Override
    public Provider provider() {
        return Provider.AZURE_FUNCTIONS;
    }

    @Override
    public HttpResponse http(Application application, FunctionDefinition function, HttpRequest request) {
        EmulatedExecutionContext context = new EmulatedExecutionContext(azureFunction(function, request),
                request.header("traceparent").orElse(null), request.header("tracestate").orElse(null));
        EmulatedHttpRequest azureRequest;
        try {
            azureRequest = EmulatedHttpRequest.of(request);
        } catch (IllegalArgumentException e) {
            return new Problem(400, "malformed-path", "The request target " + request.path() + " is not a valid URL"
                    + " path, which the Functions host refuses", null).toResponse();
        }
        return EmulatedHttpResponse.toPortable(entryPoint(application).http(azureRequest, context));
    }

    /**
     * @throws FunctionException with the problem's status, code and detail when the function answers with an error
     */
    @Override
    public Body typed(Application application, FunctionDefinition function, Body input) {
        HttpResponse response = http(application, function, HttpRequest.builder("POST", "/" + function.name())
                .headers(Headers.of("content-type", "application/json")).body(input).build());
        if (response.status() >= 400) {
            throw problem(response);
        }
        return response.body();
    }

    @Override
    public BatchResult events(Application application, FunctionDefinition function, List<Event<?>> events) {
        if (events.isEmpty()) {
            return BatchResult.success();
        }
        FnkitAzure entryPoint = entryPoint(application);
        AzureTrigger trigger = AzureTrigger.of(function, AzureSettings.none());
        if (trigger == AzureTrigger.EVENT_HUB || trigger == AzureTrigger.COSMOS_DB) {
            boolean delivered = deliver(() -> {
                EmulatedExecutionContext context = context(function);
                if (trigger == AzureTrigger.EVENT_HUB) {
                    EventHubEvents.Native batch = EventHubEvents.toNative(events);
                    entryPoint.eventHub(batch.events(), batch.systemPropertiesArray(), context);
                } else {
                    entryPoint.cosmosDb(CosmosDbEvents.toNative(events), context);
                }
            });
            return delivered ? BatchResult.success() : BatchResult.failed(events.stream().map(Event::id).toList());
        }
        List<String> failed = new ArrayList<>();
        for (Event<?> event : events) {
            if (!deliver(() -> single(entryPoint, trigger, function, event))) {
                failed.add(event.id());
            }
        }
        return BatchResult.failed(failed);
    }

    private static void single(FnkitAzure entryPoint, AzureTrigger trigger, FunctionDefinition function,
                               Event<?> event) throws Exception {
        EmulatedExecutionContext context = context(function);
        switch (trigger) {
            case STORAGE_QUEUE -> {
                StorageQueueEvents.Native message = StorageQueueEvents.toNative(event);
                entryPoint.queue(message.message(), message.id(), message.dequeueCount(), message.insertionTime(),
                        context);
            }
            case SERVICE_BUS -> {
                ServiceBusEvents.Native message = ServiceBusEvents.toNative(event);
                entryPoint.serviceBus(message.message(), message.messageId(), message.deliveryCount(),
                        message.enqueuedTimeUtc(), message.applicationProperties(), context);
            }
            case EVENT_GRID -> entryPoint.eventGrid(function.trigger() instanceof Trigger.Topic topic
                    ? EventGridEvents.topicEvent(event, topic.topic())
                    : EventGridEvents.storageEvent(event, record(event, StorageObjectEvent.class)), context);
            case BLOB -> {
                BlobEvents.Native blob = BlobEvents.toNative(event, record(event, StorageObjectEvent.class));
                entryPoint.blob(blob.content(), blob.name(), blob.properties(), context);
            }
            case TIMER -> {
                ScheduleTick tick = record(event, ScheduleTick.class);
                entryPoint.timer(TimerEvents.toNative(tick, tick.scheduledTime().minusSeconds(86_400)), context);
            }
            default -> throw new IllegalStateException("not a single-event trigger: " + trigger);
        }
    }

    /** The Azure function serving a request: the one whose route template and methods match it. */
    static String azureFunction(FunctionDefinition function, HttpRequest request) {
        List<AzureRoutes.HttpFunction> functions = AzureRoutes.of(function);
        String method = request.method().toLowerCase(Locale.ROOT);
        for (AzureRoutes.HttpFunction candidate : functions) {
            if (matches(candidate.template(), request.path())
                    && (candidate.methods().isEmpty() || candidate.methods().contains(method))) {
                return candidate.name();
            }
        }
        return functions.get(0).name();
    }

    /** A path with a malformed escape matches no route here; the entry point then answers it with a 400. */
    private static boolean matches(String template, String path) {
        try {
            return RouteTemplate.parse(template).match(path) != null;
        } catch (FunctionException e) {
            return false;
        }
    }

    private static EmulatedExecutionContext context(FunctionDefinition function) {
        return new EmulatedExecutionContext(function.name(), null, null);
    }

    private static <T> T record(Event<?> event, Class<T> type) {
        return type.isInstance(event.data()) ? type.cast(event.data())
                : Json.decode(EventData.payload(event).bytes(), type);
    }

    /** An invocation that either completes or throws. */
    @FunctionalInterface
    private interface Invocation {
        void run() throws Exception;
    }

    private static boolean deliver(Invocation invocation) {
        try {
            invocation.run();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private FnkitAzure entryPoint(Application application) {
        synchronized (entryPoints) {
            return entryPoints.computeIfAbsent(application, a -> new FnkitAzure(AzureRuntime.of(a)));
        }
    }

    private static FunctionException problem(HttpResponse response) {
        int status = response.status() > 599 || response.status() < 400 ? 500 : response.status();
        try {
            JsonNode problem = Json.tree(response.body().bytes());
            return new FunctionException(status, problem.path("code").asText("http-" + status),
                    problem.path("detail").asText(response.bodyText()));
        } catch (FunctionException e) {
            return new FunctionException(status, "http-" + status, response.bodyText());
        }
    }
}
