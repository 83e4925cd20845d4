package dev.fnkit.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.CustomBinding;
import dev.fnkit.api.Event;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.Errors;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionKind;
import dev.fnkit.core.HttpDispatch;
import dev.fnkit.core.InvocationContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

/**
 * The Azure Functions (Java) entry point of every fnkit function. The {@code function.json} files that
 * {@link AzurePackager} writes point {@code entryPoint} at one of these methods, one per trigger kind; the portable
 * function is the one named by {@link ExecutionContext#getFunctionName()} (an HTTP function with several route
 * templates is deployed as {@code <name>}, {@code <name>_2}, ...). The application is found with
 * {@link java.util.ServiceLoader} and initialized once per worker, on the first invocation.
 *
 * <p>Parameters are bound as the Java worker binds them for a hand-written {@code function.json}: the trigger's
 * data by binding name (the worker takes the {@code name()} of any annotation from
 * {@code com.microsoft.azure.functions.annotation}, here {@link CustomBinding}), trigger metadata by
 * {@link BindingName} (looked up in the invocation's trigger metadata only; a missing key fails the invocation), and
 * the {@link ExecutionContext} by type. Methods are not overloaded: the worker resolves the entry point by name.
 */
public final class FnkitAzure {
    private final AzureRuntime runtime;

    /** Used by the Java worker, which creates an instance per invocation; the application is loaded once. */
    public FnkitAzure() {
        this(null);
    }

    FnkitAzure(AzureRuntime runtime) {
        this.runtime = runtime;
    }

    private AzureRuntime runtime() {
        return runtime != null ? runtime : AzureRuntime.instance();
    }

    /**
     * HTTP trigger ({@code dataType: binary}) for HTTP functions and typed functions ({@code POST /<name>} with
     * JSON). Errors are {@code application/problem+json} responses.
     */
    public HttpResponseMessage http(
            @CustomBinding(direction = Bindings.IN, name = Bindings.REQUEST, type = Bindings.HTTP_TRIGGER)
            HttpRequestMessage<Optional<byte[]>> request,
            ExecutionContext context) {
        AzureRuntime current;
        FunctionDefinition function;
        InvocationContext invocation;
        try {
            current = runtime();
            function = current.function(context.getFunctionName());
            invocation = AzureContexts.create(current, function, context, true, request);
        } catch (RuntimeException e) {
            context.getLogger().log(Level.SEVERE, e.getMessage(), e);
            return HttpResponses.write(Errors.internal(context.getInvocationId()).toResponse(),
                    request::createResponseBuilder, null);
        }
        HttpResponse response;
        try {
            HttpRequest portable = HttpRequests.read(request, current.router(function));
            response = new HttpDispatch(current.application(), (f, r) -> invocation).invoke(function, portable);
        } catch (RuntimeException e) {
            response = Errors.response(e, invocation);
        }
        return HttpResponses.write(response, request::createResponseBuilder, invocation.logger());
    }

    /** Storage Queue trigger ({@code dataType: binary}): one message per invocation. */
    public void queue(
            @CustomBinding(direction = Bindings.IN, name = Bindings.MESSAGE, type = Bindings.QUEUE_TRIGGER)
            byte[] message,
            @BindingName(Bindings.QUEUE_ID) String id,
            @BindingName(Bindings.QUEUE_DEQUEUE_COUNT) String dequeueCount,
            @BindingName(Bindings.QUEUE_INSERTION_TIME) String insertionTime,
            ExecutionContext context) throws Exception {
        FunctionDefinition function = eventFunction(context, Trigger.Queue.class);
        InvocationContext invocation = AzureContexts.create(runtime(), function, context, false);
        EventDelivery.single(function, StorageQueueEvents.read(function, message, id, dequeueCount, insertionTime,
                invocation.requestId()), invocation);
    }

    /** Service Bus trigger ({@code dataType: binary}) for queue and topic functions: one message per invocation. */
    public void serviceBus(
            @CustomBinding(direction = Bindings.IN, name = Bindings.MESSAGE, type = Bindings.SERVICE_BUS_TRIGGER)
            byte[] message,
            @BindingName(Bindings.SERVICE_BUS_MESSAGE_ID) String messageId,
            @BindingName(Bindings.SERVICE_BUS_DELIVERY_COUNT) String deliveryCount,
            @BindingName(Bindings.SERVICE_BUS_ENQUEUED_TIME) String enqueuedTimeUtc,
            @BindingName(Bindings.SERVICE_BUS_PROPERTIES) String applicationProperties,
            ExecutionContext context) throws Exception {
        FunctionDefinition function = eventFunction(context, Trigger.Queue.class, Trigger.Topic.class);
        InvocationContext invocation = AzureContexts.create(runtime(), function, context, false);
        EventDelivery.single(function, ServiceBusEvents.read(function, message, messageId, deliveryCount,
                enqueuedTimeUtc, applicationProperties, invocation.requestId()), invocation);
    }

    /**
     * Event Grid trigger, Event Grid or CloudEvents schema, for storage functions ({@code Microsoft.Storage.Blob*}
     * events) and topic functions.
     */
    public void eventGrid(
            @CustomBinding(direction = Bindings.IN, name = Bindings.EVENT, type = Bindings.EVENT_GRID_TRIGGER)
            String event,
            ExecutionContext context) throws Exception {
        FunctionDefinition function = eventFunction(context, Trigger.Storage.class, Trigger.Topic.class);
        InvocationContext invocation = AzureContexts.create(runtime(), function, context, false);
        Optional<Event<?>> read;
        try {
            read = EventGridEvents.read(function, event);
        } catch (RuntimeException e) {
            Errors.problem(e, invocation);
            throw e;
        }
        if (read.isEmpty()) {
            invocation.logger().info("Skipped an Event Grid event for another container or change");
            return;
        }
        EventDelivery.single(function, read.get(), invocation);
    }

    /** Event Hubs trigger with cardinality many ({@code dataType: binary}): one batch per invocation. */
    public void eventHub(
            @CustomBinding(direction = Bindings.IN, name = Bindings.EVENTS, type = Bindings.EVENT_HUB_TRIGGER)
            List<byte[]> events,
            @BindingName(Bindings.EVENT_HUB_SYSTEM_PROPERTIES) String systemPropertiesArray,
            ExecutionContext context) throws Exception {
        FunctionDefinition function = eventFunction(context, Trigger.Stream.class);
        InvocationContext invocation = AzureContexts.create(runtime(), function, context, false);
        EventDelivery.batch(function, EventHubEvents.read(function, events, systemPropertiesArray,
                invocation.requestId()), invocation);
    }

    /** Blob trigger ({@code dataType: binary}) on {@code <container>/{name}}: created or overwritten blobs. */
    public void blob(
            @CustomBinding(direction = Bindings.IN, name = Bindings.CONTENT, type = Bindings.BLOB_TRIGGER)
            byte[] content,
            @BindingName(Bindings.BLOB_NAME) String name,
            @BindingName(Bindings.BLOB_PROPERTIES) String properties,
            ExecutionContext context) throws Exception {
        FunctionDefinition function = eventFunction(context, Trigger.Storage.class);
        InvocationContext invocation = AzureContexts.create(runtime(), function, context, false);
        EventDelivery.single(function, BlobEvents.read(function, content, name, properties, invocation.requestId()),
                invocation);
    }

    /** Timer trigger; the data is the {@code TimerInfo} JSON. */
    public void timer(
            @CustomBinding(direction = Bindings.IN, name = Bindings.TIMER, type = Bindings.TIMER_TRIGGER)
            String timerInfo,
            ExecutionContext context) throws Exception {
        FunctionDefinition function = eventFunction(context, Trigger.Schedule.class);
        InvocationContext invocation = AzureContexts.create(runtime(), function, context, false);
        EventDelivery.single(function, TimerEvents.read(function, timerInfo, invocation.requestId(), Instant.now()),
                invocation);
    }

    /** Cosmos DB trigger (change feed): a JSON array of changed documents per invocation. */
    public void cosmosDb(
            @CustomBinding(direction = Bindings.IN, name = Bindings.DOCUMENTS, type = Bindings.COSMOS_DB_TRIGGER)
            String documents,
            ExecutionContext context) throws Exception {
        FunctionDefinition function = eventFunction(context, Trigger.Change.class);
        InvocationContext invocation = AzureContexts.create(runtime(), function, context, false);
        EventDelivery.batch(function, CosmosDbEvents.read(function, documents, invocation.requestId()), invocation);
    }

    @SafeVarargs
    private FunctionDefinition eventFunction(ExecutionContext context, Class<? extends Trigger>... triggers) {
        FunctionDefinition function = runtime().function(context.getFunctionName());
        boolean events = function.kind() == FunctionKind.EVENT || function.kind() == FunctionKind.BATCH;
        for (Class<? extends Trigger> trigger : triggers) {
            if (events && trigger.isInstance(function.trigger())) {
                return function;
            }
        }
        throw new IllegalStateException("Function '" + function.name() + "' (" + function.describeTrigger()
                + ") is not served by this Azure trigger; regenerate function.json with the fnkit packager");
    }
}
