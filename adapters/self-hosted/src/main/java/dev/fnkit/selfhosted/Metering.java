package dev.fnkit.selfhosted;

import dev.fnkit.selfhosted.usage.LogStore;
import dev.fnkit.selfhosted.usage.Usage;

/**
 * Accounts for one answered invocation, whichever way it came (a gateway request, an asynchronous or trigger
 * delivery): the Prometheus metrics, usage metering and the access log. Never blocks.
 */
final class Metering {
    private final GatewayMetrics metrics;
    private final Usage usage;
    private final LogStore logs;

    Metering(GatewayMetrics metrics, Usage usage, LogStore logs) {
        this.metrics = metrics;
        this.usage = usage;
        this.logs = logs;
    }

    /**
     * @param apiKey the verified API key's name, or null
     * @param served who answered
     * @param nanos  how long it took, as the caller saw it
     */
    void invoked(FunctionPool pool, String method, String path, String requestId, String apiKey, int status,
                 ServedBy served, long nanos) {
        String function = pool.name();
        boolean coldStart = served.coldStart();
        metrics.invocation(function, status, nanos);
        usage.record(function, apiKey, status, nanos, pool.spec().options().memoryMb(), coldStart);
        logs.access(function, requestId, method, path, status, nanos, coldStart, served.instance(), apiKey);
    }
}
