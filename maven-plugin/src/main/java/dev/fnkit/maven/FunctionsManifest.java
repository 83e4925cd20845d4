package dev.fnkit.maven;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fnkit.api.FunctionOptions;
import dev.fnkit.api.RetryPolicy;
import dev.fnkit.api.Route;
import dev.fnkit.api.StorageChange;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionKind;
import dev.fnkit.core.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The application's function declarations as data: what {@code target/fnkit/functions.json} holds, written at build
 * time and read by later build steps and runtimes that must not load the application's classes. Absent properties
 * mean "none" (an HTTP function has no {@code dataType}, a function without a retry policy no {@code retry}).
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

    /** The manifest's file name under {@code target/fnkit/}. */
    public static final String FILE_NAME = "functions.json";

    public FunctionsManifest {
        appClasses = appClasses == null ? List.of() : List.copyOf(appClasses);
        functions = functions == null ? List.of() : List.copyOf(functions);
    }

    /** The manifest of validated declarations. */
    public static FunctionsManifest of(String app, String version, List<String> appClasses,
                                       List<FunctionDefinition> definitions) {
        List<Function> functions = new ArrayList<>(definitions.size());
        for (FunctionDefinition definition : definitions) {
            functions.add(Function.of(definition));
        }
        return new FunctionsManifest(FORMAT, app, version, appClasses, functions);
    }

    /** Writes the manifest as indented JSON, creating parent folders. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] json = Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(this);
        Files.write(file, json);
    }

    /**
     * Reads a manifest written by {@link #write(Path)}.
     *
     * @throws IOException when the file cannot be read or is not a manifest of a format this class knows
     */
    public static FunctionsManifest read(Path file) throws IOException {
        FunctionsManifest manifest = Json.mapper().readValue(file.toFile(), FunctionsManifest.class);
        if (manifest.format() != FORMAT) {
            throw new IOException(file + " has manifest format " + manifest.format() + "; this fnkit reads format "
                    + FORMAT);
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

    /**
     * One declared function.
     *
     * @param name     the function's name
     * @param kind     HTTP, typed, event or batch
     * @param trigger  what runs it
     * @param dataType the typed function's input class or the event data class name; absent for HTTP functions
     * @param options  timeout, memory, scaling, environment, retry
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Function(String name, FunctionKind kind, TriggerSpec trigger, String dataType, Options options) {
        public Function {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(options, "options");
        }

        static Function of(FunctionDefinition definition) {
            Class<?> dataType = definition.dataType();
            return new Function(definition.name(), definition.kind(), TriggerSpec.of(definition.trigger()),
                    dataType == null ? null : dataType.getName(), Options.of(definition.options()));
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

        static TriggerSpec of(dev.fnkit.api.Trigger trigger) {
            if (trigger instanceof dev.fnkit.api.Trigger.Http http) {
                return new TriggerSpec("http", http.routes(), null, null, null, null, null, null, null, null);
            } else if (trigger instanceof dev.fnkit.api.Trigger.Invoke) {
                return new TriggerSpec("invoke", null, null, null, null, null, null, null, null, null);
            } else if (trigger instanceof dev.fnkit.api.Trigger.Queue q) {
                return new TriggerSpec("queue", null, q.queue(), null, null, null, null, null, null, q.batchSize());
            } else if (trigger instanceof dev.fnkit.api.Trigger.Topic t) {
                return new TriggerSpec("topic", null, null, t.topic(), null, null, null, null, null, null);
            } else if (trigger instanceof dev.fnkit.api.Trigger.Storage s) {
                return new TriggerSpec("storage", null, null, null, s.bucket(),
                        List.copyOf(EnumSet.copyOf(s.changes())), null, null, null, null);
            } else if (trigger instanceof dev.fnkit.api.Trigger.Schedule s) {
                return new TriggerSpec("schedule", null, null, null, null, null, s.cron(), null, null, null);
            } else if (trigger instanceof dev.fnkit.api.Trigger.Stream s) {
                return new TriggerSpec("stream", null, null, null, null, null, null, s.stream(), null, s.batchSize());
            } else if (trigger instanceof dev.fnkit.api.Trigger.Change c) {
                return new TriggerSpec("change", null, null, null, null, null, null, null, c.source(), c.batchSize());
            }
            throw new IllegalArgumentException("unknown trigger " + trigger);
        }

        /** The API trigger this describes. */
        public dev.fnkit.api.Trigger toTrigger() {
            return switch (type) {
                case "http" -> new dev.fnkit.api.Trigger.Http(routes == null ? List.of() : routes);
                case "invoke" -> new dev.fnkit.api.Trigger.Invoke();
                case "queue" -> new dev.fnkit.api.Trigger.Queue(queue, batchSize == null ? 1 : batchSize);
                case "topic" -> new dev.fnkit.api.Trigger.Topic(topic);
                case "storage" -> new dev.fnkit.api.Trigger.Storage(bucket,
                        changes == null || changes.isEmpty() ? EnumSet.noneOf(StorageChange.class)
                                : EnumSet.copyOf(changes));
                case "schedule" -> new dev.fnkit.api.Trigger.Schedule(cron);
                case "stream" -> new dev.fnkit.api.Trigger.Stream(stream, batchSize == null ? 100 : batchSize);
                case "change" -> new dev.fnkit.api.Trigger.Change(source, batchSize == null ? 100 : batchSize);
                default -> throw new IllegalArgumentException("unknown trigger type '" + type + "'");
            };
        }
    }

    /**
     * A function's options as data.
     *
     * @param timeoutSeconds the longest an invocation may run, rounded up to whole seconds
     * @param memoryMb       memory for one instance, in MiB
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

        static Options of(FunctionOptions options) {
            Duration timeout = options.timeout();
            long seconds = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
            RetryPolicy retry = options.retry();
            return new Options(seconds, options.memoryMb(), options.minInstances(), options.maxInstances(),
                    options.concurrency(), options.environment(), retry == null ? null : Retry.of(retry));
        }

        /** The API options this describes. */
        public FunctionOptions toFunctionOptions() {
            return new FunctionOptions(Duration.ofSeconds(timeoutSeconds), memoryMb, minInstances, maxInstances,
                    concurrency, environment, retry == null ? null : retry.toRetryPolicy());
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
        static Retry of(RetryPolicy policy) {
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
