package dev.fnkit.azure;

import dev.fnkit.api.StorageChange;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionKind;

import java.util.Locale;
import java.util.Set;

/**
 * The Azure trigger that delivers a portable function, with the {@link FnkitAzure} method that receives it and the
 * {@code function.json} binding type. HTTP and typed functions use the HTTP trigger; queues use Storage Queues or
 * Service Bus queues ({@code azure.queue.trigger}: {@code storageQueue}, the default, or {@code serviceBus}); topics
 * use Service Bus topics or Event Grid ({@code azure.topic.trigger}: {@code serviceBus}, the default, or
 * {@code eventGrid}); storage uses the blob trigger when only {@code CREATED} is declared and Event Grid otherwise
 * ({@code azure.storage.trigger}: {@code blob} or {@code eventGrid}); streams use Event Hubs, changes Cosmos DB and
 * schedules the timer trigger.
 */
enum AzureTrigger {
    HTTP("http", Bindings.HTTP_TRIGGER),
    STORAGE_QUEUE("queue", Bindings.QUEUE_TRIGGER),
    SERVICE_BUS("serviceBus", Bindings.SERVICE_BUS_TRIGGER),
    EVENT_GRID("eventGrid", Bindings.EVENT_GRID_TRIGGER),
    EVENT_HUB("eventHub", Bindings.EVENT_HUB_TRIGGER),
    BLOB("blob", Bindings.BLOB_TRIGGER),
    TIMER("timer", Bindings.TIMER_TRIGGER),
    COSMOS_DB("cosmosDb", Bindings.COSMOS_DB_TRIGGER);

    private final String method;
    private final String bindingType;

    AzureTrigger(String method, String bindingType) {
        this.method = method;
        this.bindingType = bindingType;
    }

    /** The {@link FnkitAzure} method that receives this trigger. */
    String method() {
        return method;
    }

    /** The trigger binding's {@code type} in {@code function.json}. */
    String bindingType() {
        return bindingType;
    }

    /**
     * The trigger for a function under these settings.
     *
     * @throws IllegalArgumentException for a setting value that names no trigger, or a storage trigger the chosen
     *                                  Azure trigger cannot deliver
     */
    static AzureTrigger of(FunctionDefinition function, AzureSettings settings) {
        if (function.kind() == FunctionKind.HTTP || function.kind() == FunctionKind.TYPED) {
            return HTTP;
        }
        Trigger trigger = function.trigger();
        String name = function.name();
        if (trigger instanceof Trigger.Queue) {
            return choose(name, settings, "queue.trigger", "storageQueue", "storageQueue", STORAGE_QUEUE, "serviceBus",
                    SERVICE_BUS);
        } else if (trigger instanceof Trigger.Topic) {
            return choose(name, settings, "topic.trigger", "serviceBus", "serviceBus", SERVICE_BUS, "eventGrid",
                    EVENT_GRID);
        } else if (trigger instanceof Trigger.Storage storage) {
            boolean createdOnly = storage.changes().equals(Set.of(StorageChange.CREATED));
            AzureTrigger chosen = choose(name, settings, "storage.trigger", createdOnly ? "blob" : "eventGrid",
                    "blob", BLOB, "eventGrid", EVENT_GRID);
            if (chosen == BLOB && !createdOnly) {
                throw new IllegalArgumentException("Function '" + name + "' takes " + storage.changes()
                        + " changes but the blob trigger only sees created blobs: set azure.storage.trigger to"
                        + " eventGrid");
            }
            if (storage.changes().contains(StorageChange.METADATA_UPDATED)) {
                throw new IllegalArgumentException("Function '" + name + "' takes METADATA_UPDATED changes, which"
                        + " Azure Blob Storage does not publish");
            }
            return chosen;
        } else if (trigger instanceof Trigger.Stream) {
            return EVENT_HUB;
        } else if (trigger instanceof Trigger.Change) {
            return COSMOS_DB;
        } else if (trigger instanceof Trigger.Schedule) {
            return TIMER;
        }
        throw new IllegalArgumentException("Function '" + name + "' has a trigger Azure cannot deliver: " + trigger);
    }

    private static AzureTrigger choose(String function, AzureSettings settings, String key, String fallback,
                                       String firstName, AzureTrigger first, String secondName, AzureTrigger second) {
        String value = settings.get(function, key, fallback);
        if (value.equalsIgnoreCase(firstName)) {
            return first;
        } else if (value.equalsIgnoreCase(secondName)) {
            return second;
        }
        throw new IllegalArgumentException("Setting azure." + key + " for function '" + function + "' is '" + value
                + "'; use " + firstName + " or " + secondName);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
