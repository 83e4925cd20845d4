package dev.fnkit.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.FunctionOptions;
import dev.fnkit.api.RetryPolicy;
import dev.fnkit.api.Route;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.Trigger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An application's function declarations as data: the {@code functions.json} the Maven plugin writes under
 * {@code target/fnkit/}, read by later build steps and by runtimes that must not load the application's classes
 * (a self-hosted bundle carries it at its top level). Besides the JVM kinds of {@link FunctionKind}, a function may
 * be {@value Function#EXECUTABLE}: a program with a {@code command} array, run per request (or, with
 * {@code "mode": "http"}, started once per instance as an HTTP server on the port in env {@code PORT}), served like
 * an HTTP function. Absent properties mean "none" or "the default" (an HTTP function has no {@code dataType}, a
 * function without a retry policy no {@code retry}, an executable without a trigger has an HTTP trigger without
 * routes, a route without a {@code method} takes any).
 *
 * <pre>{@code
 * {
 *   "format" : 1,
 *   "app" : "shop",
 *   "version" : "1.0.0",
 *   "appClasses" : [ "com.example.ShopApp" ],
 *   "functions" : [ {
 *     "name" : "orders",
 *     "kind" : "EVENT",
 *     "trigger" : { "type" : "queue", "queue" : "orders-queue", "batchSize" : 10 },
 *     "dataType" : "com.example.Order",
 *     "options" : { "timeoutSeconds" : 30, "memoryMb" : 512, "minInstances" : 0, "maxInstances" : 0,
 *                   "concurrency" : 0, "environment" : { "REGION" : "eu" },
 *                   "retry" : { "maxRetries" : 3, "minDelayMillis" : 500, "maxDelayMillis" : 30000 } }
 *   }, {
 *     "name" : "shout",
 *     "kind" : "EXECUTABLE",
 *     "command" : [ "handler.sh" ],
 *     "trigger" : { "type" : "http", "routes" : [ ] },
 *     "options" : { "timeoutSeconds" : 30, "memoryMb" : 128 }
 *   } ]
 * }
 * }</pre>
 *
 * @param format     the format version, {@link #FORMAT}
 * @param app        the application's name
 * @param version    the application's version
 * @param appClasses the {@code FunctionApp} implementation class names
 * @param functions  the functions, in declaration order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionsManifest(int format, String app, String version, List<String> appClasses,
                                List<Function> functions) {
    /** The format version this class writes and reads. */
    public static final int FORMAT = 1;

    /** The manifest's file name. */
    public static final String FILE_NAME = "functions.json";

    public FunctionsManifest {
        appClasses = appClasses == null ? List.of() : List.copyOf(appClasses);
        functions = functions == null ? List.of() : List.copyOf(functions);
    }

    /** A manifest of the current format. */
    public static FunctionsManifest of(String app, String version, List<String> appClasses,
                                       List<Function> functions) {
        return new FunctionsManifest(FORMAT, app, version, appClasses, functions);
    }

    /** The manifest of validated declarations. */
    public static FunctionsManifest ofDefinitions(String app, String version, List<String> appClasses,
                                                  List<FunctionDefinition> definitions) {
        return of(app, version, appClasses, definitions.stream().map(Function::of).toList());
    }

    /** The manifest as indented JSON. */
    public byte[] toJson() {
        try {
            return Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the manifest as indented JSON, creating parent folders. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, toJson());
    }

    /**
     * Reads and checks a manifest file.
     *
     * @throws IOException when the file cannot be read or is not a valid manifest of this format, naming the first
     *                     problem
     */
    public static FunctionsManifest read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /**
     * Parses and checks a manifest: the format, and for every function a name (once), a known kind, a valid
     * trigger, valid options, and a command for an executable, which only an HTTP trigger fits.
     *
     * @throws IOException naming the first problem
     */
    public static FunctionsManifest parse(byte[] json) throws IOException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IOException(FILE_NAME + " is not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(FILE_NAME + " must hold a JSON object");
        }
        if (root.path("format").asInt(-1) != FORMAT) {
            throw new IOException(FILE_NAME + " has format " + root.path("format") + "; this fnkit reads format "
                    + FORMAT);
        }
        for (JsonNode function : root.path("functions")) {
            for (JsonNode route : function.path("trigger").path("routes")) {
                if (route instanceof ObjectNode object && !object.has("method")) {
                    object.put("method", "*");
                }
            }
        }
        FunctionsManifest manifest;
        try {
            manifest = Json.mapper().treeToValue(root, FunctionsManifest.class);
        } catch (JsonProcessingException e) {
            throw new IOException(FILE_NAME + " is not a valid manifest: " + firstLine(e.getOriginalMessage()), e);
        }
        Set<String> names = new HashSet<>();
        for (Function function : manifest.functions()) {
            function.check();
            if (!names.add(function.name())) {
                throw new IOException(FILE_NAME + " declares function '" + function.name() + "' twice");
            }
        }
        return manifest;
    }

    /** The function of this name, or null. */
    public Function function(String name) {
        for (Function function : functions) {
            if (function.name().equals(name)) {
                return function;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }

    /**
     * One declared function.
     *
     * @param name     the function's name
     * @param kind     a {@link FunctionKind} name, or {@value #EXECUTABLE}
     * @param trigger  what runs it; absent for an executable means HTTP without routes
     * @param dataType the typed function's input class or the event data class name; absent for HTTP functions
     * @param command    an executable's program and arguments; absent for JVM functions
     * @param options    timeout, memory, scaling, environment, retry; absent means the defaults
     * @param mode       how an executable serves: {@value #PER_REQUEST} (absent: run per request, the request on
     *                   standard input) or {@value #HTTP_MODE} (a long-running HTTP server on the port in env
     *                   {@code PORT}); absent for JVM functions
     * @param healthPath the path of an {@value #HTTP_MODE}-mode executable that answers 2xx once it serves; absent
     *                   means it serves once it accepts connections
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Function(String name, String kind, TriggerSpec trigger, String dataType, List<String> command,
                           Options options, String mode, String healthPath) {
        /** The kind of a function that is a program run per request rather than a JVM function. */
        public static final String EXECUTABLE = "EXECUTABLE";
        /** The {@code mode} of an executable run once per request. */
        public static final String PER_REQUEST = "per-request";
        /** The {@code mode} of an executable that is a long-running HTTP server. */
        public static final String HTTP_MODE = "http";

        public Function {
            command = command == null ? null : List.copyOf(command);
            if (trigger == null && EXECUTABLE.equals(kind)) {
                trigger = TriggerSpec.of(new Trigger.Http(List.of()));
            }
            if (options == null) {
                options = Options.of(FunctionOptions.DEFAULTS);
            }
        }

        /** The entry of a validated declaration. */
        public static Function of(FunctionDefinition definition) {
            Class<?> dataType = definition.dataType();
            return of(definition.name(), definition.kind(), definition.trigger(),
                    dataType == null ? null : dataType.getName(), definition.options());
        }

        /** The entry of a JVM function. */
        public static Function of(String name, FunctionKind kind, Trigger trigger, String dataType,
                                  FunctionOptions options) {
            return new Function(Objects.requireNonNull(name, "name"), kind.name(), TriggerSpec.of(trigger), dataType,
                    null, Options.of(options), null, null);
        }

        /** The entry of an executable function: {@code command} is the program and its arguments. */
        public static Function executable(String name, List<String> command, Trigger.Http trigger,
                                          FunctionOptions options) {
            if (command.isEmpty()) {
                throw new IllegalArgumentException("an executable function needs a command");
            }
            return new Function(Objects.requireNonNull(name, "name"), EXECUTABLE, TriggerSpec.of(trigger), null,
                    command, Options.of(options), null, null);
        }

        /**
         * This executable as a long-running HTTP server ({@value #HTTP_MODE} mode).
         *
         * @param healthPath the path that answers 2xx once it serves, or null to wait for it to accept connections
         */
        public Function httpServer(String healthPath) {
            return new Function(name, kind, trigger, dataType, command, options, HTTP_MODE, healthPath);
        }

        /** True for an executable that is a long-running HTTP server rather than a program run per request. */
        public boolean httpMode() {
            return HTTP_MODE.equals(mode);
        }

        /** True for a program run per request, false for a JVM function. */
        public boolean executable() {
            return EXECUTABLE.equals(kind);
        }

        /** The JVM kind; {@link FunctionKind#HTTP} for an executable, which is served like one. */
        public FunctionKind functionKind() {
            return executable() ? FunctionKind.HTTP : FunctionKind.valueOf(kind);
        }

        /** The program and its arguments of an executable; empty for a JVM function. */
        public List<String> commandLine() {
            return command == null ? List.of() : command;
        }

        private void check() throws IOException {
            if (name == null || name.isBlank()) {
                throw new IOException("a function in " + FILE_NAME + " has no \"name\"");
            }
            String where = "function '" + name + "'";
            if (kind == null || kind.isBlank()) {
                throw new IOException(where + " has no \"kind\"");
            }
            try {
                functionKind();
            } catch (IllegalArgumentException e) {
                throw new IOException(where + " has unknown kind '" + kind + "'; known kinds are HTTP, TYPED, EVENT,"
                        + " BATCH and " + EXECUTABLE);
            }
            if (executable() && (commandLine().isEmpty() || command.get(0) == null || command.get(0).isBlank())) {
                throw new IOException(where + " is " + EXECUTABLE + " but has no \"command\" array");
            }
            if (mode != null && !executable()) {
                throw new IOException(where + " has a \"mode\", which only an " + EXECUTABLE + " function has");
            }
            if (mode != null && !mode.equals(PER_REQUEST) && !mode.equals(HTTP_MODE)) {
                throw new IOException(where + " has unknown mode '" + mode + "'; the modes are " + PER_REQUEST
                        + " and " + HTTP_MODE);
            }
            if (healthPath != null && (!httpMode() || !healthPath.startsWith("/"))) {
                throw new IOException(where + " has \"healthPath\" '" + healthPath + "'; it must start with / and"
                        + " needs \"mode\": \"" + HTTP_MODE + "\"");
            }
            if (trigger == null) {
                throw new IOException(where + " has no trigger");
            }
            Trigger converted;
            try {
                converted = trigger.toTrigger();
            } catch (RuntimeException e) {
                throw new IOException(where + (e.getMessage() != null && e.getMessage().startsWith("unknown trigger")
                        ? " has " + e.getMessage() : " has an invalid " + trigger.type() + " trigger: "
                        + e.getMessage()));
            }
            if (executable() && !(converted instanceof Trigger.Http)) {
                throw new IOException(where + " is " + EXECUTABLE + "; only an http trigger fits it");
            }
            try {
                options.toFunctionOptions();
            } catch (RuntimeException e) {
                throw new IOException(where + " has invalid options: " + e.getMessage());
            }
        }
    }

    /**
     * A trigger as data: {@code type} is {@code http}, {@code invoke}, {@code queue}, {@code topic}, {@code storage},
     * {@code schedule}, {@code stream} or {@code change}, and only that type's properties are present.
     *
     * @param type      the trigger type
     * @param routes    HTTP routes
     * @param queue     the queue of a queue trigger
     * @param topic     the topic of a topic trigger
     * @param bucket    the bucket of a storage trigger
     * @param changes   the object changes a storage trigger fires on, in {@link StorageChange} order
     * @param cron      the 5-field cron expression (UTC) of a schedule trigger
     * @param stream    the stream of a stream trigger
     * @param source    the table or collection of a change trigger
     * @param batchSize the largest batch of a queue, stream or change trigger
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TriggerSpec(String type, List<Route> routes, String queue, String topic, String bucket,
                              List<StorageChange> changes, String cron, String stream, String source,
                              Integer batchSize) {
        public TriggerSpec {
            Objects.requireNonNull(type, "type");
            routes = routes == null ? null : List.copyOf(routes);
            changes = changes == null ? null : List.copyOf(changes);
        }

        /** The data of an API trigger. */
        public static TriggerSpec of(Trigger trigger) {
            if (trigger instanceof Trigger.Http http) {
                return new TriggerSpec("http", http.routes(), null, null, null, null, null, null, null, null);
            } else if (trigger instanceof Trigger.Invoke) {
                return new TriggerSpec("invoke", null, null, null, null, null, null, null, null, null);
            } else if (trigger instanceof Trigger.Queue q) {
                return new TriggerSpec("queue", null, q.queue(), null, null, null, null, null, null, q.batchSize());
            } else if (trigger instanceof Trigger.Topic t) {
                return new TriggerSpec("topic", null, null, t.topic(), null, null, null, null, null, null);
            } else if (trigger instanceof Trigger.Storage s) {
                return new TriggerSpec("storage", null, null, null, s.bucket(),
                        List.copyOf(EnumSet.copyOf(s.changes())), null, null, null, null);
            } else if (trigger instanceof Trigger.Schedule s) {
                return new TriggerSpec("schedule", null, null, null, null, null, s.cron(), null, null, null);
            } else if (trigger instanceof Trigger.Stream s) {
                return new TriggerSpec("stream", null, null, null, null, null, null, s.stream(), null, s.batchSize());
            } else if (trigger instanceof Trigger.Change c) {
                return new TriggerSpec("change", null, null, null, null, null, null, null, c.source(), c.batchSize());
            }
            throw new IllegalArgumentException("unknown trigger " + trigger);
        }

        /** The API trigger this describes. */
        public Trigger toTrigger() {
            return switch (type) {
                case "http" -> new Trigger.Http(routes == null ? List.of() : routes);
                case "invoke" -> new Trigger.Invoke();
                case "queue" -> new Trigger.Queue(queue, batchSize == null ? 1 : batchSize);
                case "topic" -> new Trigger.Topic(topic);
                case "storage" -> new Trigger.Storage(bucket,
                        changes == null || changes.isEmpty() ? EnumSet.noneOf(StorageChange.class)
                                : EnumSet.copyOf(changes));
                case "schedule" -> new Trigger.Schedule(cron);
                case "stream" -> new Trigger.Stream(stream, batchSize == null ? 100 : batchSize);
                case "change" -> new Trigger.Change(source, batchSize == null ? 100 : batchSize);
                default -> throw new IllegalArgumentException("unknown trigger type '" + type + "'");
            };
        }
    }

    /**
     * A function's options as data.
     *
     * @param timeoutSeconds the longest an invocation may run, rounded up to whole seconds; 0 or absent for the
     *                       default
     * @param memoryMb       memory for one instance, in MiB; 0 or absent for the default
     * @param minInstances   instances kept warm
     * @param maxInstances   the most instances; 0 means the platform's limit
     * @param concurrency    concurrent invocations per instance; 0 means the platform's default
     * @param environment    environment variables, in declaration order
     * @param retry          the retry policy; absent for the platform's default
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Options(long timeoutSeconds, int memoryMb, int minInstances, int maxInstances, int concurrency,
                          Map<String, String> environment, Retry retry) {
        public Options {
            environment = environment == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        }

        /** The data of API options. */
        public static Options of(FunctionOptions options) {
            Duration timeout = options.timeout();
            long seconds = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
            RetryPolicy retry = options.retry();
            return new Options(seconds, options.memoryMb(), options.minInstances(), options.maxInstances(),
                    options.concurrency(), options.environment(), retry == null ? null : Retry.of(retry));
        }

        /**
         * The API options this describes.
         *
         * @throws IllegalArgumentException when they are not valid options
         */
        public FunctionOptions toFunctionOptions() {
            FunctionOptions defaults = FunctionOptions.DEFAULTS;
            return new FunctionOptions(timeoutSeconds == 0 ? defaults.timeout() : Duration.ofSeconds(timeoutSeconds),
                    memoryMb == 0 ? defaults.memoryMb() : memoryMb, minInstances, maxInstances, concurrency,
                    environment, retry == null ? null : retry.toRetryPolicy());
        }
    }

    /**
     * A retry policy as data.
     *
     * @param maxRetries     retries after the first attempt
     * @param minDelayMillis the delay before the first retry
     * @param maxDelayMillis the longest delay; above {@code minDelayMillis} for exponential backoff
     */
    public record Retry(int maxRetries, long minDelayMillis, long maxDelayMillis) {
        /** The data of an API retry policy. */
        public static Retry of(RetryPolicy policy) {
            return new Retry(policy.maxRetries(), policy.minDelay().toMillis(), policy.maxDelay().toMillis());
        }

        /** True when the delay doubles from the minimum up to the maximum. */
        public boolean exponential() {
            return maxDelayMillis > minDelayMillis;
        }

        /** The API retry policy this describes. */
        public RetryPolicy toRetryPolicy() {
            return new RetryPolicy(maxRetries, Duration.ofMillis(minDelayMillis), Duration.ofMillis(maxDelayMillis));
        }
    }
}
