package dev.fnkit.selfhosted.async;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What asynchronous delivery and triggers need of the gateway: its functions, and a way to invoke them. */
public interface FunctionRuntime {
    /** The deployed functions. */
    List<DeployedFunction> functions();

    /** One deployed function. */
    default Optional<DeployedFunction> function(String name) {
        return functions().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * Invokes a function the way the gateway serves a request to it: through its pool of instances, buffered while
     * one starts, answered with the function's response or a problem (502 when the instance failed, 503, 504).
     * Must not be called on an event loop.
     *
     * @param path      the path the instance sees
     * @param requestId the request id of the invocation
     */
    CompletableFuture<HttpResponse> invoke(String function, HttpRequest request, String path, String requestId);
}
