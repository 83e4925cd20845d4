package dev.fnkit.azure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.RetryPolicy;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.Cron;
import dev.fnkit.core.FunctionDefinition;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code function.json} files of a portable function: {@code scriptFile} (the app jar, one folder up),
 * {@code entryPoint} ({@code dev.fnkit.azure.FnkitAzure.<method>}), the trigger binding (plus the HTTP output
 * binding for HTTP triggers) and, for the triggers whose retries the host runs (timer, Event Hubs, Cosmos DB), the
 * {@code retry} policy. Binding names match {@link FnkitAzure}'s parameters (see {@link Bindings}). As Microsoft's
 * Maven plugin does, an HTTP trigger for every method has {@code "methods": []} and the default Event Hubs consumer
 * group is left out.
 */
final class FunctionJson {
    static final String DEFAULT_STORAGE_CONNECTION = "AzureWebJobsStorage";
    static final String DEFAULT_SERVICE_BUS_CONNECTION = "ServiceBusConnection";
    static final String DEFAULT_EVENT_HUBS_CONNECTION = "EventHubConnection";
    static final String DEFAULT_COSMOS_DB_CONNECTION = "CosmosDBConnection";
    static final String DEFAULT_CONSUMER_GROUP = "$Default";
    /** {@link FnkitAzure}'s name, spelled out so that packaging never loads the class (nor the Azure library). */
    static final String ENTRY_POINT_CLASS = "dev.fnkit.azure.FnkitAzure";
    /** The triggers for which the host honours a function's {@code retry}; others retry through their source. */
    static final Set<AzureTrigger> HOST_RETRIES = EnumSet.of(AzureTrigger.TIMER, AzureTrigger.EVENT_HUB,
            AzureTrigger.COSMOS_DB);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FunctionJson() {
    }

    /**
     * One Azure function.
     *
     * @param name       the Azure function name, also its folder
     * @param trigger    the Azure trigger
     * @param json       the {@code function.json} content
     * @param connection the connection setting it reads, or null
     */
    record AzureFunction(String name, AzureTrigger trigger, ObjectNode json, String connection) {
    }

    static List<AzureFunction> of(FunctionDefinition function, AzureSettings settings, String appName,
                                  String scriptFile, Consumer<String> log) {
        AzureTrigger trigger = AzureTrigger.of(function, settings);
        if (trigger == AzureTrigger.HTTP) {
            List<AzureFunction> functions = new ArrayList<>();
            for (AzureRoutes.HttpFunction http : AzureRoutes.of(function)) {
                ObjectNode root = root(scriptFile, trigger);
                ArrayNode bindings = root.putArray("bindings");
                ObjectNode in = binding(bindings, trigger.bindingType(), Bindings.IN, Bindings.REQUEST);
                in.put("dataType", Bindings.BINARY);
                in.put("authLevel", settings.get(function.name(), "authLevel", "anonymous"));
                ArrayNode methods = in.putArray("methods");
                http.methods().forEach(methods::add);
                in.put("route", http.route());
                binding(bindings, Bindings.HTTP_OUTPUT, Bindings.OUT, Bindings.RETURN);
                functions.add(new AzureFunction(http.name(), trigger, root, null));
            }
            return functions;
        }
        ObjectNode root = root(scriptFile, trigger);
        ArrayNode bindings = root.putArray("bindings");
        String connection = eventBinding(function, trigger, settings, appName, bindings);
        retry(function, trigger, root, log);
        return List.of(new AzureFunction(function.name(), trigger, root, connection));
    }

    private static ObjectNode root(String scriptFile, AzureTrigger trigger) {
        ObjectNode root = NODES.objectNode();
        root.put("scriptFile", "../" + scriptFile);
        root.put("entryPoint", ENTRY_POINT_CLASS + "." + trigger.method());
        return root;
    }

    private static ObjectNode binding(ArrayNode bindings, String type, String direction, String name) {
        ObjectNode binding = bindings.addObject();
        binding.put("type", type);
        binding.put("direction", direction);
        binding.put("name", name);
        return binding;
    }

    /** Adds the trigger binding of an event function; returns the connection setting it names, if any. */
    private static String eventBinding(FunctionDefinition function, AzureTrigger trigger, AzureSettings settings,
                                       String appName, ArrayNode bindings) {
        String name = function.name();
        Trigger portable = function.trigger();
        switch (trigger) {
            case STORAGE_QUEUE -> {
                ObjectNode b = binding(bindings, trigger.bindingType(), Bindings.IN, Bindings.MESSAGE);
                b.put("dataType", Bindings.BINARY);
                b.put("queueName", ((Trigger.Queue) portable).queue());
                return connection(b, settings, name, "storage.connection", DEFAULT_STORAGE_CONNECTION);
            }
            case SERVICE_BUS -> {
                ObjectNode b = binding(bindings, trigger.bindingType(), Bindings.IN, Bindings.MESSAGE);
                b.put("dataType", Bindings.BINARY);
                if (portable instanceof Trigger.Topic topic) {
                    b.put("topicName", topic.topic());
                    b.put("subscriptionName", settings.get(name, "serviceBus.subscription", name));
                } else {
                    b.put("queueName", ((Trigger.Queue) portable).queue());
                }
                return connection(b, settings, name, "serviceBus.connection", DEFAULT_SERVICE_BUS_CONNECTION);
            }
            case EVENT_GRID -> {
                binding(bindings, trigger.bindingType(), Bindings.IN, Bindings.EVENT);
                return null;
            }
            case EVENT_HUB -> {
                ObjectNode b = binding(bindings, trigger.bindingType(), Bindings.IN, Bindings.EVENTS);
                b.put("dataType", Bindings.BINARY);
                b.put("eventHubName", ((Trigger.Stream) portable).stream());
                b.put("cardinality", "many");
                String consumerGroup = settings.get(name, "eventHubs.consumerGroup", DEFAULT_CONSUMER_GROUP);
                if (!consumerGroup.equals(DEFAULT_CONSUMER_GROUP)) {
                    b.put("consumerGroup", consumerGroup);
                }
                return connection(b, settings, name, "eventHubs.connection", DEFAULT_EVENT_HUBS_CONNECTION);
            }
            case BLOB -> {
                ObjectNode b = binding(bindings, trigger.bindingType(), Bindings.IN, Bindings.CONTENT);
                b.put("dataType", Bindings.BINARY);
                b.put("path", ((Trigger.Storage) portable).bucket() + "/{" + Bindings.BLOB_NAME + "}");
                return connection(b, settings, name, "storage.connection", DEFAULT_STORAGE_CONNECTION);
            }
            case TIMER -> {
                ObjectNode b = binding(bindings, trigger.bindingType(), Bindings.IN, Bindings.TIMER);
                b.put("schedule", Cron.parse(((Trigger.Schedule) portable).cron()).toAzure());
                return null;
            }
            case COSMOS_DB -> {
                Trigger.Change change = (Trigger.Change) portable;
                ObjectNode b = binding(bindings, trigger.bindingType(), Bindings.IN, Bindings.DOCUMENTS);
                b.put("databaseName", settings.get(name, "cosmosDb.database", appName));
                b.put("containerName", change.source());
                String connection = connection(b, settings, name, "cosmosDb.connection",
                        DEFAULT_COSMOS_DB_CONNECTION);
                b.put("leaseContainerName", settings.get(name, "cosmosDb.leaseContainer", "leases"));
                b.put("leaseContainerPrefix", name + "-");
                b.put("createLeaseContainerIfNotExists", true);
                b.put("maxItemsPerInvocation", change.batchSize());
                return connection;
            }
            default -> throw new IllegalStateException("not an event trigger: " + trigger);
        }
    }

    private static String connection(ObjectNode binding, AzureSettings settings, String function, String key,
                                     String defaultValue) {
        String connection = settings.get(function, "connection", settings.get(function, key, defaultValue));
        binding.put("connection", connection);
        return connection;
    }

    private static void retry(FunctionDefinition function, AzureTrigger trigger, ObjectNode root,
                              Consumer<String> log) {
        RetryPolicy retry = function.options().retry();
        if (retry == null || retry.maxRetries() == 0) {
            return;
        }
        if (!HOST_RETRIES.contains(trigger)) {
            log.accept("Function '" + function.name() + "': the " + trigger + " trigger retries through its source"
                    + " (dequeue or delivery count, Event Grid's retry policy); its retry policy is not written");
            return;
        }
        ObjectNode node = root.putObject("retry");
        if (retry.exponential()) {
            node.put("strategy", "exponentialBackoff");
            node.put("maxRetryCount", retry.maxRetries());
            node.put("minimumInterval", TimeSpans.format(retry.minDelay()));
            node.put("maximumInterval", TimeSpans.format(retry.maxDelay()));
        } else {
            node.put("strategy", "fixedDelay");
            node.put("maxRetryCount", retry.maxRetries());
            node.put("delayInterval", TimeSpans.format(retry.minDelay()));
        }
    }

    /** The connection settings these functions read, in order, without duplicates. */
    static Set<String> connections(List<AzureFunction> functions) {
        Set<String> names = new LinkedHashSet<>();
        for (AzureFunction function : functions) {
            if (function.connection() != null) {
                names.add(function.connection());
            }
        }
        return names;
    }
}
