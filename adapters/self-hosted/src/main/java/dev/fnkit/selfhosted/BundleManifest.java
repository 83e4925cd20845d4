package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.FunctionOptions;
import dev.fnkit.api.Route;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionKind;
import dev.fnkit.core.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A bundle's {@code functions.json}: the format the fnkit Maven plugin writes ({@code "format": 1}, see its
 * {@code FunctionsManifest}), plus functions of kind {@code EXECUTABLE} with a {@code command} array. Reading
 * validates everything and names the first problem.
 *
 * @param app        the application's name, also its directory name in the data directory
 * @param version    the application's version
 * @param appClasses the {@code FunctionApp} class names
 * @param functions  the functions, in declaration order
 */
record BundleManifest(String app, String version, List<String> appClasses, List<FunctionSpec> functions) {
    static final String FILE_NAME = "functions.json";
    static final int FORMAT = 1;

    private static final Pattern APP_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    BundleManifest {
        appClasses = List.copyOf(appClasses);
        functions = List.copyOf(functions);
    }

    /** The manifest of validated declarations. */
    static BundleManifest of(String app, String version, List<String> appClasses, List<FunctionDefinition> functions) {
        List<FunctionSpec> specs = new ArrayList<>(functions.size());
        for (FunctionDefinition function : functions) {
            specs.add(new FunctionSpec(function.name(), function.kind(), false, function.trigger(),
                    function.dataType() == null ? null : function.dataType().getName(), function.options(),
                    List.of()));
        }
        return new BundleManifest(app, version, appClasses, specs);
    }

    /** True when a function runs in the JVM, so the bundle needs an application jar. */
    boolean needsJar() {
        return functions.stream().anyMatch(f -> !f.executable());
    }

    /** A name fit for a directory: lower-case letters, digits, '.', '_' and '-'. */
    static String appName(String raw) {
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        name = name.replaceAll("^[^a-z0-9]+", "");
        return name.isEmpty() ? "app" : name.length() > 63 ? name.substring(0, 63) : name;
    }

    byte[] toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", FORMAT);
        root.put("app", app);
        root.put("version", version);
        ArrayNode classes = root.putArray("appClasses");
        appClasses.forEach(classes::add);
        ArrayNode list = root.putArray("functions");
        for (FunctionSpec function : functions) {
            ObjectNode node = list.addObject();
            node.put("name", function.name());
            node.put("kind", function.kindName());
            node.set("trigger", trigger(function.trigger()));
            if (function.dataType() != null) {
                node.put("dataType", function.dataType());
            }
            if (function.executable()) {
                ArrayNode command = node.putArray("command");
                function.command().forEach(command::add);
            }
            node.set("options", options(function.options()));
        }
        try {
            return Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads and validates a manifest.
     *
     * @throws BundleException naming the first problem
     */
    static BundleManifest parse(byte[] json) throws BundleException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new BundleException(FILE_NAME + " is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new BundleException(FILE_NAME + " must hold a JSON object");
        }
        int format = root.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new BundleException(FILE_NAME + " has format " + root.path("format") + "; this gateway reads format "
                    + FORMAT);
        }
        String app = text(root, "app", FILE_NAME);
        if (!APP_NAME.matcher(app).matches()) {
            throw new BundleException(FILE_NAME + ": app name '" + app + "' must be 1 to 63 lower-case letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit");
        }
        String version = root.path("version").asText("");
        List<String> appClasses = new ArrayList<>();
        root.path("appClasses").forEach(c -> appClasses.add(c.asText()));
        JsonNode functions = root.path("functions");
        if (!functions.isArray() || functions.isEmpty()) {
            throw new BundleException(FILE_NAME + " declares no functions");
        }
        List<FunctionSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode node : functions) {
            FunctionSpec spec = function(node);
            if (!names.add(spec.name())) {
                throw new BundleException(FILE_NAME + " declares function '" + spec.name() + "' twice");
            }
            specs.add(spec);
        }
        return new BundleManifest(app, version, appClasses, specs);
    }

    private static FunctionSpec function(JsonNode node) throws BundleException {
        String name = text(node, "name", "a function");
        String where = "function '" + name + "'";
        if (!FUNCTION_NAME.matcher(name).matches()) {
            throw new BundleException(where + ": a name is 1 to 63 lower-case letters, digits and hyphens, starting"
                    + " with a letter");
        }
        String kindName = text(node, "kind", where);
        boolean executable = FunctionSpec.EXECUTABLE.equals(kindName);
        FunctionKind kind;
        if (executable) {
            kind = FunctionKind.HTTP;
        } else {
            try {
                kind = FunctionKind.valueOf(kindName);
            } catch (IllegalArgumentException e) {
                throw new BundleException(where + " has unknown kind '" + kindName + "'; known kinds are HTTP, TYPED,"
                        + " EVENT, BATCH and " + FunctionSpec.EXECUTABLE);
            }
        }
        List<String> command = new ArrayList<>();
        if (executable) {
            node.path("command").forEach(c -> command.add(c.asText()));
            if (command.isEmpty() || command.get(0).isBlank()) {
                throw new BundleException(where + " is EXECUTABLE but has no \"command\" array");
            }
        }
        Trigger trigger = executable && node.path("trigger").isMissingNode() ? new Trigger.Http(List.of())
                : trigger(node.path("trigger"), where);
        if (executable && !(trigger instanceof Trigger.Http)) {
            throw new BundleException(where + " is EXECUTABLE; only an http trigger fits it");
        }
        FunctionOptions options;
        try {
            options = options(node.path("options"));
        } catch (IllegalArgumentException e) {
            throw new BundleException(where + " has invalid options: " + e.getMessage());
        }
        String dataType = node.hasNonNull("dataType") ? node.get("dataType").asText() : null;
        return new FunctionSpec(name, kind, executable, trigger, dataType, options, command);
    }

    private static Trigger trigger(JsonNode node, String where) throws BundleException {
        if (!node.isObject()) {
            throw new BundleException(where + " has no trigger");
        }
        String type = node.path("type").asText("");
        try {
            return switch (type) {
                case "http" -> {
                    List<Route> routes = new ArrayList<>();
                    for (JsonNode route : node.path("routes")) {
                        routes.add(new Route(route.path("method").asText("*"), route.path("template").asText()));
                    }
                    yield new Trigger.Http(routes);
                }
                case "invoke" -> new Trigger.Invoke();
                case "queue" -> new Trigger.Queue(node.path("queue").asText(), node.path("batchSize").asInt(1));
                case "topic" -> new Trigger.Topic(node.path("topic").asText());
                case "storage" -> {
                    EnumSet<StorageChange> changes = EnumSet.noneOf(StorageChange.class);
                    for (JsonNode change : node.path("changes")) {
                        changes.add(StorageChange.valueOf(change.asText()));
                    }
                    yield new Trigger.Storage(node.path("bucket").asText(), changes);
                }
                case "schedule" -> new Trigger.Schedule(node.path("cron").asText());
                case "stream" -> new Trigger.Stream(node.path("stream").asText(), node.path("batchSize").asInt(100));
                case "change" -> new Trigger.Change(node.path("source").asText(), node.path("batchSize").asInt(100));
                default -> throw new BundleException(where + " has unknown trigger type '" + type + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new BundleException(where + " has an invalid " + type + " trigger: " + e.getMessage());
        }
    }

    private static FunctionOptions options(JsonNode node) {
        FunctionOptions d = FunctionOptions.DEFAULTS;
        Map<String, String> env = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.path("environment").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            env.put(field.getKey(), field.getValue().asText());
        }
        return new FunctionOptions(Duration.ofSeconds(node.path("timeoutSeconds").asLong(d.timeout().getSeconds())),
                node.path("memoryMb").asInt(d.memoryMb()), node.path("minInstances").asInt(0),
                node.path("maxInstances").asInt(0), node.path("concurrency").asInt(0), env, null);
    }

    private static ObjectNode trigger(Trigger trigger) {
        ObjectNode node = Json.mapper().createObjectNode();
        if (trigger instanceof Trigger.Http http) {
            node.put("type", "http");
            ArrayNode routes = node.putArray("routes");
            for (Route route : http.routes()) {
                routes.addObject().put("method", route.method()).put("template", route.template());
            }
        } else if (trigger instanceof Trigger.Invoke) {
            node.put("type", "invoke");
        } else if (trigger instanceof Trigger.Queue q) {
            node.put("type", "queue").put("queue", q.queue()).put("batchSize", q.batchSize());
        } else if (trigger instanceof Trigger.Topic t) {
            node.put("type", "topic").put("topic", t.topic());
        } else if (trigger instanceof Trigger.Storage s) {
            node.put("type", "storage").put("bucket", s.bucket());
            ArrayNode changes = node.putArray("changes");
            EnumSet.copyOf(s.changes()).forEach(c -> changes.add(c.name()));
        } else if (trigger instanceof Trigger.Schedule s) {
            node.put("type", "schedule").put("cron", s.cron());
        } else if (trigger instanceof Trigger.Stream s) {
            node.put("type", "stream").put("stream", s.stream()).put("batchSize", s.batchSize());
        } else if (trigger instanceof Trigger.Change c) {
            node.put("type", "change").put("source", c.source()).put("batchSize", c.batchSize());
        }
        return node;
    }

    private static ObjectNode options(FunctionOptions options) {
        ObjectNode node = Json.mapper().createObjectNode();
        Duration timeout = options.timeout();
        node.put("timeoutSeconds", timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0));
        node.put("memoryMb", options.memoryMb());
        node.put("minInstances", options.minInstances());
        node.put("maxInstances", options.maxInstances());
        node.put("concurrency", options.concurrency());
        ObjectNode env = node.putObject("environment");
        options.environment().forEach(env::put);
        if (options.retry() != null) {
            node.putObject("retry").put("maxRetries", options.retry().maxRetries())
                    .put("minDelayMillis", options.retry().minDelay().toMillis())
                    .put("maxDelayMillis", options.retry().maxDelay().toMillis());
        }
        return node;
    }

    private static String text(JsonNode node, String field, String where) throws BundleException {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new BundleException(where + " has no \"" + field + "\"");
        }
        return value.asText();
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
