package dev.fnkit.azure;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.FunctionDefinition;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The app's {@code host.json}: version 2.0, the extension bundle {@value #BUNDLE_ID} {@value #BUNDLE_VERSION} (every
 * trigger fnkit uses is in it), {@code functionTimeout} = the longest declared timeout (the host has one timeout for
 * the whole app), {@code extensions.http.routePrefix} (empty by default, so that routes match the portable ones
 * instead of sitting under {@code /api}), and, when the app has stream functions,
 * {@code extensions.eventHubs.maxEventBatchSize} = their largest batch size (an app-wide setting).
 */
final class HostJson {
    static final String BUNDLE_ID = "Microsoft.Azure.Functions.ExtensionBundle";
    static final String BUNDLE_VERSION = "[4.*, 5.0.0)";
    static final Duration CONSUMPTION_LIMIT = Duration.ofMinutes(10);

    private HostJson() {
    }

    static ObjectNode of(List<FunctionDefinition> functions, AzureSettings settings, Consumer<String> log) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("version", "2.0");
        ObjectNode bundle = root.putObject("extensionBundle");
        bundle.put("id", BUNDLE_ID);
        bundle.put("version", BUNDLE_VERSION);
        Duration timeout = functions.stream().map(f -> f.options().timeout()).max(Duration::compareTo)
                .orElse(null);
        if (timeout != null) {
            root.put("functionTimeout", TimeSpans.formatSeconds(timeout));
            if (timeout.compareTo(CONSUMPTION_LIMIT) > 0) {
                log.accept("functionTimeout " + TimeSpans.formatSeconds(timeout) + " is above the Consumption plan's"
                        + " 10 minutes: deploy to a Flex Consumption, Premium or Dedicated plan");
            }
        }
        ObjectNode extensions = root.putObject("extensions");
        extensions.putObject("http").put("routePrefix", settings.global("routePrefix", ""));
        functions.stream().filter(f -> f.trigger() instanceof Trigger.Stream)
                .mapToInt(f -> ((Trigger.Stream) f.trigger()).batchSize()).max()
                .ifPresent(size -> extensions.putObject("eventHubs").put("maxEventBatchSize", size));
        return root;
    }
}
