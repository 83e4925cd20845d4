package dev.fnkit.selfhosted;

import dev.fnkit.api.HttpResponse;

import java.util.concurrent.CompletableFuture;

/**
 * The response to a request handed to a {@link FunctionPool}, and which instance answered it and whether that was
 * the instance's first request (a cold start): the pool notes both before it completes the response, so that the
 * gateway reads them for the access log and usage without any mark on the response itself.
 */
final class ServedBy extends CompletableFuture<HttpResponse> {
    private volatile String instance;
    private volatile boolean coldStart;

    /** Completes with an instance's answer. */
    void complete(HttpResponse response, String instance, boolean coldStart) {
        this.instance = instance;
        this.coldStart = coldStart;
        complete(response);
    }

    /** The id of the instance that answered, or null when none did. */
    String instance() {
        return instance;
    }

    /** True when the request was the first of a new instance. */
    boolean coldStart() {
        return coldStart;
    }
}
