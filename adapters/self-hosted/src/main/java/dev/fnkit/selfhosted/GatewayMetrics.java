package dev.fnkit.selfhosted;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's Prometheus metrics. OpenFaaS-compatible: {@code gateway_function_invocation_total} and the
 * {@code gateway_functions_seconds} histogram by {@code function_name} and {@code code}, and
 * {@code gateway_service_count} (ready instances) by {@code function_name}. fnkit's own, by {@code function_name}:
 * {@code fnkit_instances{state}}, {@code fnkit_desired_instances}, {@code fnkit_actual_instances},
 * {@code fnkit_buffer_depth}, {@code fnkit_panic_mode}, {@code fnkit_cold_starts_total{start}} and
 * {@code fnkit_cold_start_seconds{start}} ({@code start} is {@code new} or {@code prestarted}), {@code fnkit_instance_crashes_total} and
 * {@code fnkit_scale_decisions_total{reason,direction}}.
 */
final class GatewayMetrics {
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60)};
    private static final String FUNCTION = "function_name";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, List<Meter>> gauges = new ConcurrentHashMap<>();
    /** Each function's invocation meters, indexed by status code (registered on first use). */
    private final Map<String, Invocations[]> invocations = new ConcurrentHashMap<>();

    private record Invocations(Counter count, Timer time) {
    }

    /** One answered request. */
    void invocation(String function, int status, long nanos) {
        Invocations[] byStatus = invocations.get(function);
        if (byStatus == null) {
            byStatus = invocations.computeIfAbsent(function, f -> new Invocations[600]);
        }
        boolean cached = status >= 0 && status < byStatus.length;
        Invocations meters = cached ? byStatus[status] : null;
        if (meters == null) {
            meters = register(function, status);
            if (cached) {
                byStatus[status] = meters;
            }
        }
        meters.count().increment();
        meters.time().record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The meters of a function and status: the registry gives the same ones to threads that race here. */
    private Invocations register(String function, int status) {
        String code = Integer.toString(status);
        return new Invocations(Counter.builder("gateway.function.invocation")
                .description("Requests answered, by function and status")
                .tags(FUNCTION, function, "code", code).register(registry),
                Timer.builder("gateway.functions").description("Time to answer a request, by function and status")
                        .tags(FUNCTION, function, "code", code).serviceLevelObjectives(BUCKETS)
                        .register(registry));
    }

    /** The invocations of a function so far. */
    double invocations(String function) {
        return registry.find("gateway.function.invocation").tag(FUNCTION, function).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Registers the gauges of a function's pool. */
    void register(FunctionPool pool) {
        String function = pool.name();
        List<Meter> meters = new ArrayList<>();
        meters.add(gauge("gateway.service.count", "Ready instances", pool, p -> p.status().ready(), function, null));
        for (Instance.State state : Instance.State.values()) {
            if (state != Instance.State.STOPPED) {
                meters.add(gauge("fnkit.instances", "Instances by state", pool,
                        p -> p.status().instances().stream().filter(i -> i.state().equals(state.name())).count(),
                        function, state.name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        meters.add(gauge("fnkit.desired.instances", "Instances the autoscaler wants", pool,
                p -> p.status().desired(), function, null));
        meters.add(gauge("fnkit.actual.instances", "Instances starting or ready", pool,
                p -> p.status().ready() + p.status().starting(), function, null));
        meters.add(gauge("fnkit.buffer.depth", "Requests waiting for an instance", pool,
                p -> p.status().buffered(), function, null));
        meters.add(gauge("fnkit.panic.mode", "1 while the autoscaler panics", pool,
                p -> p.status().decision() != null && p.status().decision().panic() ? 1 : 0, function, null));
        List<Meter> previous = gauges.put(function, meters);
        if (previous != null) {
            previous.forEach(registry::remove);
        }
    }

    /** Removes the gauges of a function that is no longer deployed. */
    void unregister(String function) {
        List<Meter> meters = gauges.remove(function);
        if (meters != null) {
            meters.forEach(registry::remove);
        }
    }

    /** An instance started: a new process, or a pre-started worker specialised. */
    void coldStart(String function, boolean prestarted) {
        Counter.builder("fnkit.cold.starts").description("Instances started").tags(FUNCTION, function,
                "start", start(prestarted)).register(registry).increment();
    }

    void coldStartTime(String function, boolean prestarted, long nanos) {
        Timer.builder("fnkit.cold.start").description("Time from launching an instance to its readiness")
                .tags(FUNCTION, function, "start", start(prestarted)).serviceLevelObjectives(BUCKETS)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String start(boolean prestarted) {
        return prestarted ? "prestarted" : "new";
    }

    void instanceCrash(String function) {
        Counter.builder("fnkit.instance.crashes").description("Instances that exited unexpectedly")
                .tag(FUNCTION, function).register(registry).increment();
    }

    /** A change of the desired instances; {@code direction} is positive for up, negative for down. */
    void scaleDecision(String function, String reason, int direction) {
        Counter.builder("fnkit.scale.decisions").description("Autoscaler decisions that changed something")
                .tags(FUNCTION, function, "reason", reason,
                        "direction", direction > 0 ? "up" : direction < 0 ? "down" : "same")
                .register(registry).increment();
    }

    /** The registry, for meters kept elsewhere (usage, asynchronous calls). */
    io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition. */
    String scrape() {
        return registry.scrape();
    }

    private Meter gauge(String name, String description, FunctionPool pool, ToDoubleFunction<FunctionPool> value,
                        String function, String state) {
        Gauge.Builder<FunctionPool> builder = Gauge.builder(name, pool, value).description(description)
                .tag(FUNCTION, function).strongReference(true);
        if (state != null) {
            builder.tag("state", state);
        }
        return builder.register(registry);
    }
}
