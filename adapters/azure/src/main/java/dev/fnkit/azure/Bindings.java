package dev.fnkit.azure;

/**
 * The names that tie a generated {@code function.json} to {@link FnkitAzure}'s parameters. The Java worker binds a
 * parameter to a binding's data when the parameter carries an annotation from
 * {@code com.microsoft.azure.functions.annotation} with a {@code name()} equal to the binding's {@code name}, and to
 * a trigger metadata value when it carries {@code @BindingName} with the metadata key; an unannotated
 * {@code ExecutionContext} gets the context. Both sides use these constants.
 */
final class Bindings {
    static final String IN = "in";
    static final String OUT = "out";
    static final String BINARY = "binary";

    static final String HTTP_TRIGGER = "httpTrigger";
    static final String HTTP_OUTPUT = "http";
    static final String RETURN = "$return";
    static final String QUEUE_TRIGGER = "queueTrigger";
    static final String SERVICE_BUS_TRIGGER = "serviceBusTrigger";
    static final String EVENT_GRID_TRIGGER = "eventGridTrigger";
    static final String EVENT_HUB_TRIGGER = "eventHubTrigger";
    static final String BLOB_TRIGGER = "blobTrigger";
    static final String TIMER_TRIGGER = "timerTrigger";
    static final String COSMOS_DB_TRIGGER = "cosmosDBTrigger";

    static final String REQUEST = "request";
    static final String MESSAGE = "message";
    static final String EVENT = "event";
    static final String EVENTS = "events";
    static final String CONTENT = "content";
    static final String TIMER = "timer";
    static final String DOCUMENTS = "documents";

    /** The blob path variable; a blob trigger's path is {@code <container>/{name}}. */
    static final String BLOB_NAME = "name";

    static final String QUEUE_ID = "Id";
    static final String QUEUE_DEQUEUE_COUNT = "DequeueCount";
    static final String QUEUE_INSERTION_TIME = "InsertionTime";
    static final String SERVICE_BUS_MESSAGE_ID = "MessageId";
    static final String SERVICE_BUS_DELIVERY_COUNT = "DeliveryCount";
    static final String SERVICE_BUS_ENQUEUED_TIME = "EnqueuedTimeUtc";
    static final String SERVICE_BUS_PROPERTIES = "ApplicationProperties";
    static final String EVENT_HUB_SYSTEM_PROPERTIES = "SystemPropertiesArray";
    static final String BLOB_PROPERTIES = "Properties";

    private Bindings() {
    }
}
