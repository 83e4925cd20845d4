package dev.fnkit.azure;

import java.util.Map;

/**
 * The packager's settings ({@code <settings>} of the fnkit Maven plugin). A key {@code azure.<key>} applies to every
 * function; {@code azure.function.<function>.<key>} overrides it for one function. Blank values count as unset.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code authLevel}</td><td>{@code anonymous}</td><td>HTTP trigger {@code authLevel}</td></tr>
 *   <tr><td>{@code routePrefix}</td><td>empty</td><td>host.json {@code extensions.http.routePrefix} (app-wide)</td></tr>
 *   <tr><td>{@code queue.trigger}</td><td>{@code storageQueue}</td><td>or {@code serviceBus}</td></tr>
 *   <tr><td>{@code topic.trigger}</td><td>{@code serviceBus}</td><td>or {@code eventGrid}</td></tr>
 *   <tr><td>{@code storage.trigger}</td><td>{@code blob} (only CREATED declared), else {@code eventGrid}</td>
 *       <td>blob trigger or Event Grid</td></tr>
 *   <tr><td>{@code connection}</td><td>per trigger, below</td><td>connection setting name of any trigger</td></tr>
 *   <tr><td>{@code storage.connection}</td><td>{@code AzureWebJobsStorage}</td><td>queue and blob triggers</td></tr>
 *   <tr><td>{@code serviceBus.connection}</td><td>{@code ServiceBusConnection}</td><td></td></tr>
 *   <tr><td>{@code serviceBus.subscription}</td><td>the function's name</td><td>topic subscription</td></tr>
 *   <tr><td>{@code eventHubs.connection}</td><td>{@code EventHubConnection}</td><td></td></tr>
 *   <tr><td>{@code eventHubs.consumerGroup}</td><td>{@code $Default}</td><td></td></tr>
 *   <tr><td>{@code cosmosDb.connection}</td><td>{@code CosmosDBConnection}</td><td></td></tr>
 *   <tr><td>{@code cosmosDb.database}</td><td>the application's name</td><td>database of the watched container</td></tr>
 *   <tr><td>{@code cosmosDb.leaseContainer}</td><td>{@code leases}</td><td>created if missing</td></tr>
 * </table>
 */
final class AzureSettings {
    static final String PREFIX = "azure.";
    static final String FUNCTION_PREFIX = PREFIX + "function.";

    private final Map<String, String> settings;

    AzureSettings(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    static AzureSettings none() {
        return new AzureSettings(Map.of());
    }

    /** The function's own value of {@code key}, else the app-wide one, else the default. */
    String get(String function, String key, String defaultValue) {
        String value = function == null ? null : settings.get(FUNCTION_PREFIX + function + "." + key);
        if (value == null || value.isBlank()) {
            value = settings.get(PREFIX + key);
        }
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    /** An app-wide value; an empty value counts as set (e.g. an empty route prefix). */
    String global(String key, String defaultValue) {
        String value = settings.get(PREFIX + key);
        return value == null ? defaultValue : value.trim();
    }
}
