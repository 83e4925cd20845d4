package dev.fnkit.selfhosted.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.core.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gateway settings of each deployed application's functions, in {@code <data-dir>/gateway-settings.json}, so
 * that they apply again after a restart.
 */
final class SettingsStore {
    private final Path file;
    private final Map<String, Map<String, Map<String, String>>> apps = new LinkedHashMap<>();

    SettingsStore(Path dataDir) throws IOException {
        this.file = dataDir.resolve("gateway-settings.json");
        if (Files.isRegularFile(file)) {
            Json.mapper().readTree(file.toFile()).path("apps").fields().forEachRemaining(app -> {
                Map<String, Map<String, String>> functions = new LinkedHashMap<>();
                app.getValue().fields().forEachRemaining(f -> functions.put(f.getKey(), strings(f.getValue())));
                apps.put(app.getKey(), functions);
            });
        }
    }

    synchronized Map<String, Map<String, Map<String, String>>> all() {
        return new LinkedHashMap<>(apps);
    }

    /** Replaces an application's settings; returns the previous ones (empty when it had none). */
    synchronized Map<String, Map<String, String>> put(String app, Map<String, Map<String, String>> functions)
            throws IOException {
        Map<String, Map<String, String>> previous = apps.getOrDefault(app, Map.of());
        Map<String, Map<String, String>> kept = new LinkedHashMap<>();
        functions.forEach((function, settings) -> {
            if (!settings.isEmpty()) {
                kept.put(function, Map.copyOf(settings));
            }
        });
        if (kept.isEmpty()) {
            apps.remove(app);
        } else {
            apps.put(app, kept);
        }
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode node = root.putObject("apps");
        apps.forEach((name, fns) -> {
            ObjectNode appNode = node.putObject(name);
            fns.forEach((function, settings) -> {
                ObjectNode values = appNode.putObject(function);
                new java.util.TreeMap<>(settings).forEach(values::put);
            });
        });
        OwnerOnly.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        return previous;
    }

    /** Drops one function's settings, wherever they are. */
    synchronized void forget(String function) throws IOException {
        for (Map.Entry<String, Map<String, Map<String, String>>> app : all().entrySet()) {
            if (app.getValue().containsKey(function)) {
                Map<String, Map<String, String>> kept = new LinkedHashMap<>(app.getValue());
                kept.remove(function);
                put(app.getKey(), kept);
            }
        }
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
