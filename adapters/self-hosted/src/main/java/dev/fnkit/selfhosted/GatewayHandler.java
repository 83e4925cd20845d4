package dev.fnkit.selfhosted;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Problem;
import dev.fnkit.core.Router;
import dev.fnkit.local.NettyHttpServer;
import dev.fnkit.selfhosted.worker.InstanceProtocol;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Routes the gateway's requests: {@code /healthz}, {@code /metrics}, the admin API under {@code /system},
 * {@code /function/{name}[/rest]} (the instance sees {@code /rest}, or {@code /}), and every declared route of
 * every deployed function (the instance sees the path as sent). Every function response carries
 * {@code X-Request-Id} and is counted in the metrics. It runs on the connection's event loop: a function request
 * that an instance can take at once is forwarded from there, over a connection on the same loop; anything that may
 * block (the admin API, metrics, buffering while an instance starts) goes to the server's workers.
 */
final class GatewayHandler implements NettyHttpServer.Handler {
    private static final String FUNCTION_PREFIX = "/function/";

    private final Gateway gateway;
    private final AdminApi admin;
    private final int maxRequestBytes;
    private volatile boolean accepting;
    private volatile boolean draining;

    GatewayHandler(Gateway gateway, AdminApi admin, int maxRequestBytes) {
        this.gateway = gateway;
        this.admin = admin;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Starts serving functions (before that they answer 503). */
    void accept() {
        accepting = true;
    }

    /** Stops taking function requests: new ones get a 503 while those in flight finish. */
    void drain() {
        draining = true;
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request, NettyHttpServer.Connection connection) {
        long arrival = System.currentTimeMillis();
        long started = System.nanoTime();
        String requestId = request.header(InstanceProtocol.REQUEST_ID).map(String::strip).filter(s -> !s.isEmpty())
                .orElseGet(() -> UUID.randomUUID().toString());
        String path = request.path();
        if (path.equals("/healthz")) {
            return done(HttpResponse.text("ok"));
        }
        if (path.equals("/metrics")) {
            return connection.offload(() -> done(HttpResponse.builder()
                    .contentType("text/plain; version=0.0.4; charset=utf-8").text(gateway.metrics().scrape())));
        }
        if (path.equals("/system") || path.startsWith("/system/")) {
            return connection.offload(() -> done(admin.handle(request, requestId)));
        }
        if (!accepting || draining) {
            return done(GatewayProblems.unavailable(draining ? "shutting-down" : "starting",
                    "The gateway is " + (draining ? "shutting down" : "starting"), requestId, 1));
        }
        String function;
        String forwardPath;
        if (path.startsWith(FUNCTION_PREFIX)) {
            int slash = path.indexOf('/', FUNCTION_PREFIX.length());
            function = slash < 0 ? path.substring(FUNCTION_PREFIX.length())
                    : path.substring(FUNCTION_PREFIX.length(), slash);
            forwardPath = slash < 0 ? "/" : path.substring(slash);
        } else {
            Router.Result route = gateway.router().route(request.method(), path);
            if (route instanceof Router.Match match) {
                function = match.function().name();
                forwardPath = path;
            } else if (route instanceof Router.MethodNotAllowed notAllowed) {
                return done(Problem.methodNotAllowed(request.method(), path, notAllowed.allowed()));
            } else {
                return done(Problem.notFound(request.method(), path));
            }
        }
        Optional<FunctionPool> pool = gateway.pool(function);
        if (pool.isEmpty()) {
            return done(new Problem(404, "function-not-found", "No function named '" + function + "' is deployed",
                    requestId).toResponse());
        }
        if (request.body().size() > maxRequestBytes) {
            return done(new Problem(413, "body-too-large", "The request body is larger than the limit of "
                    + maxRequestBytes + " bytes", requestId).toResponse());
        }
        FunctionPool target = pool.get();
        CompletionStage<HttpResponse> forwarded = target.trySubmit(request, forwardPath, requestId, arrival,
                connection.eventLoop());
        if (forwarded == null) {
            forwarded = connection.offload(() -> target.submit(request, forwardPath, requestId, arrival,
                    connection.eventLoop()));
        }
        return forwarded.thenApply(response -> {
            gateway.metrics().invocation(function, response.status(), System.nanoTime() - started);
            return response.header(InstanceProtocol.REQUEST_ID).isPresent() ? response
                    : response.toBuilder().setHeader(InstanceProtocol.REQUEST_ID, requestId).build();
        });
    }

    private static CompletionStage<HttpResponse> done(HttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
