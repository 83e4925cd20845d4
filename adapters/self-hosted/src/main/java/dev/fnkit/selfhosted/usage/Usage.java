package dev.fnkit.selfhosted.usage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.core.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Metering, per function and per API key: invocations, errors (5xx answers), total duration and GB-seconds
 * ({@code memoryMb / 1024 × seconds}), plus per function cold-start invocations and latency percentiles. Kept in
 * memory since the gateway started ({@code GET /system/usage}) and as Prometheus counters
 * {@code fnkit_usage_invocations_total}, {@code fnkit_usage_errors_total}, {@code fnkit_usage_duration_seconds_total}
 * and {@code fnkit_usage_gb_seconds_total} by {@code function_name} and {@code api_key} ({@code none} without one).
 * Recording never blocks.
 */
public final class Usage {
    private static final String NO_KEY = "none";

    private final MeterRegistry registry;
    private final Instant since = Instant.now();
    private final Map<String, FunctionUsage> functions = new ConcurrentHashMap<>();
    private final Map<String, Totals> keys = new ConcurrentHashMap<>();

    /** A function's totals and its meters without a key and by key, looked up once per invocation. */
    private final class FunctionUsage {
        final Totals totals = new Totals();
        final Meters noKey;
        final Map<String, Meters> byKey = new ConcurrentHashMap<>();

        FunctionUsage(String function) {
            this.noKey = register(function, NO_KEY);
        }
    }

    private record Meters(Counter invocations, Counter errors, Counter seconds, Counter gbSeconds) {
    }

    private static final class Totals {
        final LongAdder invocations = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder coldStarts = new LongAdder();
        final DoubleAdder seconds = new DoubleAdder();
        final DoubleAdder gbSeconds = new DoubleAdder();
        final LatencyHistogram latency = new LatencyHistogram();

        void add(boolean error, boolean coldStart, double secs, double gbSecs, long nanos) {
            invocations.increment();
            if (error) {
                errors.increment();
            }
            if (coldStart) {
                coldStarts.increment();
            }
            seconds.add(secs);
            gbSeconds.add(gbSecs);
            latency.record(nanos);
        }

        ObjectNode describe(boolean withLatency) {
            ObjectNode node = Json.mapper().createObjectNode()
                    .put("invocations", invocations.sum())
                    .put("errors", errors.sum())
                    .put("durationSeconds", seconds.sum())
                    .put("gbSeconds", gbSeconds.sum());
            if (withLatency) {
                node.put("coldStarts", coldStarts.sum())
                        .put("p50Millis", latency.percentileMillis(0.5))
                        .put("p99Millis", latency.percentileMillis(0.99));
            }
            return node;
        }
    }

    /** Meters into this registry (the gateway's, scraped at {@code /metrics}). */
    public Usage(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * One answered invocation.
     *
     * @param apiKey    the verified API key's name, or null
     * @param nanos     how long it took, as the caller saw it
     * @param memoryMb  the function's memory
     * @param coldStart true when it waited for an instance to start
     */
    public void record(String function, String apiKey, int status, long nanos, int memoryMb, boolean coldStart) {
        double seconds = nanos / 1e9;
        double gbSeconds = memoryMb / 1024.0 * seconds;
        boolean error = status >= 500;
        FunctionUsage usage = functions.get(function);
        if (usage == null) {
            usage = functions.computeIfAbsent(function, FunctionUsage::new);
        }
        Meters m = apiKey == null ? usage.noKey : usage.byKey.get(apiKey);
        if (m == null) {
            m = usage.byKey.computeIfAbsent(apiKey, k -> register(function, k));
        }
        m.invocations().increment();
        if (error) {
            m.errors().increment();
        }
        m.seconds().increment(seconds);
        m.gbSeconds().increment(gbSeconds);
        usage.totals.add(error, coldStart, seconds, gbSeconds, nanos);
        if (apiKey != null) {
            keys.computeIfAbsent(apiKey, k -> new Totals()).add(error, coldStart, seconds, gbSeconds, nanos);
        }
    }

    /**
     * {@code {"since": ..., "functions": {name: {invocations, errors, durationSeconds, gbSeconds, coldStarts,
     * p50Millis, p99Millis}}, "apiKeys": {name: {invocations, errors, durationSeconds, gbSeconds}}}}.
     */
    public ObjectNode snapshot() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("since", since.toString());
        ObjectNode byFunction = root.putObject("functions");
        new TreeMap<>(functions).forEach((name, usage) -> byFunction.set(name, usage.totals.describe(true)));
        ObjectNode byKey = root.putObject("apiKeys");
        new TreeMap<>(keys).forEach((name, totals) -> byKey.set(name, totals.describe(false)));
        return root;
    }

    private Meters register(String function, String apiKey) {
        return new Meters(counter("fnkit.usage.invocations", "Invocations answered", function, apiKey),
                counter("fnkit.usage.errors", "Invocations answered with a 5xx", function, apiKey),
                counter("fnkit.usage.duration.seconds", "Total duration of invocations in seconds", function, apiKey),
                counter("fnkit.usage.gb.seconds", "Memory (GB) times duration (s) of invocations", function, apiKey));
    }

    private Counter counter(String name, String description, String function, String apiKey) {
        return Counter.builder(name).description(description)
                .tags("function_name", function, "api_key", apiKey).register(registry);
    }
}
