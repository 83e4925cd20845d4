package dev.fnkit.selfhosted;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.selfhosted.async.DeployedFunction;
import dev.fnkit.selfhosted.async.FunctionRuntime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's functions as asynchronous delivery and triggers see them: invoked through their pools like any
 * request, and counted like one in the gateway's metrics, usage and access log.
 */
final class GatewayFunctions implements FunctionRuntime {
    private final Gateway gateway;
    private final Metering metering;

    GatewayFunctions(Gateway gateway) {
        this.gateway = gateway;
        this.metering = new Metering(gateway.metrics(), gateway.usage(), gateway.logs());
    }

    @Override
    public List<DeployedFunction> functions() {
        List<DeployedFunction> functions = new ArrayList<>();
        for (FunctionPool pool : gateway.pools()) {
            functions.add(describe(pool.spec()));
        }
        return functions;
    }

    @Override
    public Optional<DeployedFunction> function(String name) {
        return gateway.pool(name).map(pool -> describe(pool.spec()));
    }

    private static DeployedFunction describe(FunctionSpec spec) {
        return new DeployedFunction(spec.name(), spec.kind(), spec.trigger(), spec.options().timeout(),
                spec.options().retry());
    }

    @Override
    public CompletableFuture<HttpResponse> invoke(String function, HttpRequest request, String path,
                                                  String requestId) {
        Optional<FunctionPool> pool = gateway.pool(function);
        if (pool.isEmpty()) {
            return CompletableFuture.completedFuture(GatewayProblems.of(404, "function-not-found",
                    "No function named '" + function + "' is deployed", requestId));
        }
        long started = System.nanoTime();
        FunctionPool target = pool.get();
        ServedBy served = target.submit(request, path, requestId, System.currentTimeMillis(), null, new ServedBy());
        return served.thenApply(response -> {
            metering.invoked(target, request.method(), path, requestId, null, response.status(), served,
                    System.nanoTime() - started);
            return response;
        });
    }
}
