package dev.fnkit.selfhosted;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Problem;
import dev.fnkit.core.Router;
import dev.fnkit.local.NettyHttpServer;
import dev.fnkit.selfhosted.async.AsyncRuntime;
import dev.fnkit.selfhosted.edge.Edge;
import dev.fnkit.selfhosted.triggers.TriggerRuntime;
import dev.fnkit.selfhosted.ui.UiAssets;
import dev.fnkit.selfhosted.usage.LogsApi;
import dev.fnkit.selfhosted.worker.InstanceProtocol;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Routes the gateway's requests: {@code /healthz}, {@code /metrics}, the admin API under {@code /system},
 * asynchronous calls and trigger publications ({@link AsyncRuntime}, {@link TriggerRuntime}; their prefixes win
 * over declared routes),
 * {@code /function/{name}[/rest]} (the instance sees {@code /rest}, or {@code /}), and every declared route of
 * every deployed function (the instance sees the path as sent), the web UI at {@code /ui} and the streamed
 * {@code /system/logs}. A function request first passes the function's edge checks ({@link Edge}: API key, rate
 * limits, CORS, size); every function response carries {@code X-Request-Id}, is counted in the metrics and usage and
 * written to the access log. It runs on the connection's event loop: a function request
 * that an instance can take at once is forwarded from there, over a connection on the same loop; anything that may
 * block (the admin API, metrics, buffering while an instance starts) goes to the server's workers.
 */
final class GatewayHandler implements NettyHttpServer.Handler {
    private static final String FUNCTION_PREFIX = "/function/";

    private final Gateway gateway;
    private final AdminApi admin;
    private final int maxRequestBytes;
    private final UiAssets ui = new UiAssets();
    private final LogsApi logs;
    private final RequestIds requestIds = new RequestIds();
    private final Metering metering;
    private volatile boolean accepting;
    private volatile boolean draining;

    GatewayHandler(Gateway gateway, AdminApi admin, int maxRequestBytes) {
        this.gateway = gateway;
        this.admin = admin;
        this.maxRequestBytes = maxRequestBytes;
        this.logs = new LogsApi(gateway.logs(), name -> gateway.pool(name).isPresent());
        this.metering = new Metering(gateway.metrics(), gateway.usage(), gateway.logs());
    }

    /** Starts serving functions (before that they answer 503). */
    void accept() {
        accepting = true;
    }

    /** Stops taking function requests: new ones get a 503 while those in flight finish. */
    void drain() {
        draining = true;
        gateway.logs().close();
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request, NettyHttpServer.Connection connection) {
        long arrival = System.currentTimeMillis();
        long started = System.nanoTime();
        String requestId = requestId(request);
        String path = request.path();
        if (path.equals("/healthz")) {
            return done(HttpResponse.text("ok"));
        }
        if (path.equals("/metrics")) {
            return connection.offload(() -> done(HttpResponse.builder()
                    .contentType("text/plain; version=0.0.4; charset=utf-8").text(gateway.metrics().scrape())));
        }
        if (UiAssets.handles(path)) {
            return done(ui.serve(request, requestId));
        }
        if (path.equals("/system/logs") && admin.authorized(request)) {
            return connection.offload(() -> logs.serve(request, requestId, connection));
        }
        if (path.equals("/system") || path.startsWith("/system/")) {
            return connection.offload(() -> done(admin.handle(request, requestId)));
        }
        if (!accepting || draining) {
            return done(GatewayProblems.unavailable(draining ? "shutting-down" : "starting",
                    "The gateway is " + (draining ? "shutting down" : "starting"), requestId, 1));
        }
        if (path.startsWith(AsyncRuntime.PREFIX)) {
            String target = path.substring(AsyncRuntime.PREFIX.length()).split("/", 2)[0];
            Edge.Admission admission = gateway.edge().admit(target, request, requestId);
            if (admission.answer() != null) {
                return done(admission.answer());
            }
            return connection.offload(() -> done(gateway.async().submit(admission.request(), requestId)));
        }
        if (TriggerRuntime.handles(path)) {
            return connection.offload(() -> done(publish(request, requestId)));
        }
        String function;
        String forwardPath;
        if (path.startsWith(FUNCTION_PREFIX)) {
            int slash = path.indexOf('/', FUNCTION_PREFIX.length());
            function = slash < 0 ? path.substring(FUNCTION_PREFIX.length())
                    : path.substring(FUNCTION_PREFIX.length(), slash);
            forwardPath = slash < 0 ? "/" : path.substring(slash);
        } else {
            Router.Result route = gateway.router().route(Edge.isPreflight(request)
                    ? request.header("access-control-request-method").orElse("").strip()
                    .toUpperCase(java.util.Locale.ROOT) : request.method(), path);
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
        Edge.Admission admission = gateway.edge().admit(function, request, requestId);
        if (admission.answer() != null) {
            gateway.logs().access(function, requestId, request.method(), path, admission.answer().status(),
                    System.nanoTime() - started, false, null, null);
            return done(admission.answer());
        }
        HttpRequest admitted = admission.request();
        FunctionPool target = pool.get();
        ServedBy served = new ServedBy();
        CompletionStage<HttpResponse> forwarded = served;
        if (!target.trySubmit(admitted, forwardPath, requestId, arrival, connection.eventLoop(), served)) {
            forwarded = connection.offload(() -> target.submit(admitted, forwardPath, requestId, arrival,
                    connection.eventLoop(), served));
        }
        return forwarded.thenApply(response -> {
            long nanos = System.nanoTime() - started;
            Runnable meter = () -> metering.invoked(target, request.method(), path, requestId, admission.apiKey(),
                    response.status(), served, nanos);
            if (connection.eventLoop().inEventLoop()) {
                connection.eventLoop().execute(meter);
            } else {
                meter.run();
            }
            return finish(response, requestId, admission);
        });
    }

    /**
     * A trigger publication, admitted only when every function it triggers admits it (the API key each requires,
     * each one's rate limit); the first refusal is the answer.
     */
    private HttpResponse publish(HttpRequest request, String requestId) {
        HttpRequest admitted = request;
        for (String function : gateway.triggers().subscribers(request.path())) {
            Edge.Admission admission = gateway.edge().admit(function, request, requestId);
            if (admission.answer() != null) {
                return admission.answer();
            }
            if (admission.request() != request) {
                admitted = admission.request();
            }
        }
        return gateway.triggers().publish(admitted, requestId);
    }

    private String requestId(HttpRequest request) {
        java.util.List<String> given = request.headers().all(InstanceProtocol.REQUEST_ID);
        if (!given.isEmpty()) {
            String id = given.get(0).strip();
            if (!id.isEmpty()) {
                return id;
            }
        }
        return requestIds.next();
    }

    /** The response with the request id and the CORS headers; as it is when it has the one and needs none. */
    private static HttpResponse finish(HttpResponse response, String requestId, Edge.Admission admission) {
        boolean hasId = response.headers().contains(InstanceProtocol.REQUEST_ID);
        if (hasId && admission.cors().isEmpty()) {
            return response;
        }
        Headers.Builder headers = response.headers().toBuilder();
        if (!hasId) {
            headers.set(InstanceProtocol.REQUEST_ID, requestId);
        }
        admission.cors().asMap().forEach((name, values) -> headers.set(name, values.get(0)));
        return new HttpResponse(response.status(), headers.build(), response.body());
    }

    private static CompletionStage<HttpResponse> done(HttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
