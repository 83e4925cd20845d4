package dev.fnkit.selfhosted.async;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The asynchronous calls' Prometheus metrics: {@code fnkit_async_calls{state}} (pending, leased, dead; read from
 * the journal at most once a second), and by {@code function_name} {@code fnkit_async_retries_total} and
 * {@code fnkit_async_dead_letters_total}.
 */
final class AsyncMetrics {
    private static final long DEPTH_TTL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MeterRegistry registry;
    private final Journal journal;
    private Depth depth = new Depth(0, 0, 0);
    private long depthRead = Long.MIN_VALUE / 2;

    AsyncMetrics(MeterRegistry registry, Journal journal) {
        this.registry = registry;
        this.journal = journal;
        gauge("pending", Depth::pending);
        gauge("leased", Depth::leased);
        gauge("dead", Depth::dead);
    }

    private void gauge(String state, ToDoubleFunction<Depth> value) {
        Gauge.builder("fnkit.async.calls", this, m -> value.applyAsDouble(m.depth()))
                .description("Asynchronous calls held in the journal, by state").tag("state", state)
                .register(registry);
    }

    private synchronized Depth depth() {
        long now = System.nanoTime();
        if (now - depthRead > DEPTH_TTL_NANOS) {
            try {
                depth = journal.depth().get(2, TimeUnit.SECONDS);
                depthRead = now;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return depth;
    }

    void retry(String function) {
        Counter.builder("fnkit.async.retries").description("Delivery attempts of asynchronous calls that failed and"
                + " will be tried again").tag("function_name", function).register(registry).increment();
    }

    void deadLetter(String function) {
        Counter.builder("fnkit.async.dead.letters").description("Asynchronous calls dead-lettered")
                .tag("function_name", function).register(registry).increment();
    }
}
