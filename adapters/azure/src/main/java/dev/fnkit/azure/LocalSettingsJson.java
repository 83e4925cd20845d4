package dev.fnkit.azure;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.core.FunctionDefinition;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The app's {@code local.settings.json} for Core Tools: {@code FUNCTIONS_WORKER_RUNTIME=java},
 * {@code AzureWebJobsStorage} pointing at the local storage emulator, an empty placeholder for every other
 * connection setting the triggers name, and the functions' declared environment. Azure app settings are app-wide,
 * so one variable declared with different values by two functions keeps the first and is reported.
 */
final class LocalSettingsJson {
    static final String STORAGE_EMULATOR = "UseDevelopmentStorage=true";

    private LocalSettingsJson() {
    }

    static ObjectNode of(List<FunctionDefinition> functions, Collection<String> connections, Consumer<String> log) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("FUNCTIONS_WORKER_RUNTIME", "java");
        values.put(FunctionJson.DEFAULT_STORAGE_CONNECTION, STORAGE_EMULATOR);
        for (String connection : connections) {
            values.putIfAbsent(connection, "");
        }
        Map<String, String> declaredBy = new LinkedHashMap<>();
        for (FunctionDefinition function : functions) {
            for (Map.Entry<String, String> variable : function.options().environment().entrySet()) {
                String name = variable.getKey();
                if (declaredBy.containsKey(name) && !values.get(name).equals(variable.getValue())) {
                    log.accept("Environment variable " + name + " has different values in functions '"
                            + declaredBy.get(name) + "' and '" + function.name() + "'; Azure app settings are"
                            + " app-wide, so the first one is used");
                    continue;
                }
                values.put(name, variable.getValue());
                declaredBy.putIfAbsent(name, function.name());
            }
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("IsEncrypted", false);
        ObjectNode node = root.putObject("Values");
        values.forEach(node::put);
        return root;
    }
}
