package dev.fnkit.selfhosted.async;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.FunctionException;
import dev.fnkit.core.CloudEventsHttp;
import dev.fnkit.core.FunctionKind;
import dev.fnkit.core.HttpDispatch;
import dev.fnkit.core.Json;
import dev.fnkit.core.Problem;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asynchronous invocations of the self-hosted gateway. {@code POST /async-function/{name}[/rest]} answers 202 with
 * {@code X-Call-Id} once the call is in the journal (a typed or event function's JSON must parse first) ({@code journal.db} in the data directory); the function later
 * gets the request as sent (at {@code /rest}, with {@code X-Call-Id}), at least once. {@code X-Callback-Url} receives
 * the result; {@code Idempotency-Key} makes a repeated submission answer with the first call's id. Under
 * {@code /system} (behind the admin token): {@code GET /system/dead-letters}, {@code POST
 * /system/dead-letters/redrive} (all) and {@code POST /system/dead-letters/{callId}/redrive}.
 */
public final class AsyncRuntime implements AutoCloseable {
    /** The path prefix of asynchronous invocations. */
    public static final String PREFIX = "/async-function/";
    /** The path prefix of the dead-letter admin API. */
    public static final String DEAD_LETTERS = "/system/dead-letters";

    private static final long STORE_TIMEOUT_SECONDS = 30;
    private static final int MAX_KEY_LENGTH = 255;
    private static final Set<String> NOT_STORED = Set.of("connection", "content-length", "transfer-encoding",
            "host", "keep-alive", "upgrade", "te", "trailer", "x-callback-url", "idempotency-key",
            "authorization", "x-request-id", Callbacks.CALL_ID);

    private final Journal journal;
    private final FunctionRuntime functions;
    private final Dispatcher dispatcher;
    private final int maxRequestBytes;

    private AsyncRuntime(Journal journal, FunctionRuntime functions, AsyncSettings settings, MeterRegistry registry,
                         int maxRequestBytes, PrintStream log) {
        this.journal = journal;
        this.functions = functions;
        this.maxRequestBytes = maxRequestBytes;
        this.dispatcher = new Dispatcher(journal, functions, settings, new Callbacks(log),
                new AsyncMetrics(registry, journal), System::currentTimeMillis, log);
    }

    /**
     * Opens the journal in the data directory; call {@link #start()} once the functions are deployed.
     *
     * @param maxRequestBytes the largest request body accepted
     */
    public static AsyncRuntime open(Path dataDir, AsyncSettings settings, FunctionRuntime functions,
                                    MeterRegistry registry, int maxRequestBytes, PrintStream log) {
        return new AsyncRuntime(SqliteJournal.open(dataDir.resolve("journal.db")), functions, settings, registry,
                maxRequestBytes, log);
    }

    /**
     * Starts delivering calls, first those leased by a gateway before (it crashed, or handed over and stopped
     * delivering).
     */
    public void start() {
        journal.recover();
        dispatcher.start();
    }

    /** The journal, for state of the runtime's own that must survive a restart. */
    public Journal journal() {
        return journal;
    }

    /** Stores calls, which the dispatcher then delivers; completes once they are durable. */
    public CompletableFuture<List<Accepted>> publish(List<Call> calls) {
        return journal.append(calls).whenComplete((accepted, error) -> dispatcher.wake());
    }

    /** Waits for {@link #publish} to store calls; a problem response when it cannot. */
    public static Optional<HttpResponse> await(CompletableFuture<?> stored, String requestId) {
        try {
            stored.get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(unavailable(requestId));
        } catch (ExecutionException | TimeoutException e) {
            return Optional.of(unavailable(requestId));
        }
    }

    private static HttpResponse unavailable(String requestId) {
        return new Problem(503, "journal-unavailable", "The call could not be stored; it was not accepted",
                requestId).toResponse(Headers.of("retry-after", "1"));
    }

    /** Serves {@code /async-function/{name}[/rest]}; may block until the call is stored. */
    public HttpResponse submit(HttpRequest request, String requestId) {
        String rest = request.path().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        Optional<DeployedFunction> function = functions.function(name);
        if (function.isEmpty()) {
            return new Problem(404, "function-not-found", "No function named '" + name + "' is deployed",
                    requestId).toResponse();
        }
        if (request.body().size() > maxRequestBytes) {
            return new Problem(413, "body-too-large", "The request body is larger than the limit of "
                    + maxRequestBytes + " bytes", requestId).toResponse();
        }
        Optional<String> callback = request.header("x-callback-url");
        if (callback.isPresent() && Callbacks.parse(callback.get()).isEmpty()) {
            return new Problem(400, "invalid-callback-url", "X-Callback-Url must be an absolute http or https URL,"
                    + " not '" + callback.get() + "'", requestId).toResponse();
        }
        if (function.get().kind() != FunctionKind.HTTP && !CloudEventsHttp.isCloudEvent(request.headers())
                && request.contentType().map(HttpDispatch::isJsonType).orElse(true)) {
            try {
                Json.tree(request.body().bytes());
            } catch (FunctionException e) {
                return new Problem(e.status(), e.code(), e.getMessage(), requestId).toResponse();
            }
        }
        Optional<String> key = idempotencyKey(request);
        if (key.isPresent() && key.get().length() > MAX_KEY_LENGTH) {
            return new Problem(400, "invalid-idempotency-key", "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                    + " characters", requestId).toResponse();
        }
        Headers.Builder headers = Headers.builder();
        for (Map.Entry<String, List<String>> header : request.headers().asMap().entrySet()) {
            if (!NOT_STORED.contains(header.getKey()) && !header.getKey().startsWith("x-fnkit-")) {
                headers.addAll(header.getKey(), header.getValue());
            }
        }
        String query = request.query().isEmpty() ? "" : "?" + request.query().encode();
        Call call = new Call(UUID.randomUUID().toString(), "async", name, request.method(), path + query,
                headers.build().asMap(), request.body().bytes(), key.orElse(null), callback.orElse(null), null, 0,
                System.currentTimeMillis());
        CompletableFuture<List<Accepted>> stored = publish(List.of(call));
        Optional<HttpResponse> failed = await(stored, requestId);
        if (failed.isPresent()) {
            return failed.get();
        }
        String id = stored.join().get(0).id();
        return HttpResponse.builder().status(202).header("X-Call-Id", id)
                .header("x-request-id", requestId).build();
    }

    /** The idempotency key a caller sent, blank ones ignored. */
    public static Optional<String> idempotencyKey(HttpRequest request) {
        return request.header("idempotency-key").map(String::strip).filter(k -> !k.isEmpty());
    }

    /** Serves the dead-letter admin API under {@link #DEAD_LETTERS}; the caller has checked the admin token. */
    public HttpResponse admin(HttpRequest request, String requestId) {
        String path = request.path();
        String method = request.method();
        if (path.equals(DEAD_LETTERS) || path.equals(DEAD_LETTERS + "/")) {
            if (!method.equals("GET")) {
                return Problem.methodNotAllowed(method, path, List.of("GET"));
            }
            int limit;
            try {
                limit = Integer.parseInt(request.queryParameter("limit").orElse("1000"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 100_000) {
                return new Problem(400, "invalid-limit", "limit must be a whole number from 1 to 100000",
                        requestId).toResponse();
            }
            return HttpResponse.builder().json(deadLetters(journal.deadLetters(limit).join()));
        }
        String rest = path.startsWith(DEAD_LETTERS + "/") ? path.substring(DEAD_LETTERS.length() + 1) : "";
        if (rest.equals("redrive") || rest.endsWith("/redrive")) {
            if (!method.equals("POST")) {
                return Problem.methodNotAllowed(method, path, List.of("POST"));
            }
            Optional<String> id = rest.equals("redrive") ? Optional.empty()
                    : Optional.of(rest.substring(0, rest.length() - "/redrive".length()));
            int redriven = journal.redrive(id, System.currentTimeMillis()).join();
            dispatcher.wake();
            if (id.isPresent() && redriven == 0) {
                return new Problem(404, "dead-letter-not-found", "No dead letter has the call id '" + id.get() + "'",
                        requestId).toResponse();
            }
            ObjectNode body = Json.mapper().createObjectNode().put("redriven", redriven);
            return HttpResponse.builder().json(body);
        }
        return new Problem(404, "not-found", "The admin API has no " + path, requestId).toResponse();
    }

    private static ArrayNode deadLetters(List<DeadLetter> dead) {
        ArrayNode list = Json.mapper().createArrayNode();
        for (DeadLetter letter : dead) {
            Call call = letter.call();
            list.addObject().put("callId", call.id()).put("function", call.function()).put("kind", call.kind())
                    .put("method", call.method()).put("path", call.path()).put("attempts", call.attempts())
                    .put("status", letter.status()).put("error", letter.error())
                    .put("createdAt", Instant.ofEpochMilli(call.createdAt()).toString())
                    .put("deadAt", Instant.ofEpochMilli(letter.deadAt()).toString());
        }
        return list;
    }

    /** Stops leasing calls and lets those in flight be recorded; the journal stays open until {@link #close()}. */
    public void stopDelivering() {
        dispatcher.close();
    }

    @Override
    public void close() {
        dispatcher.close();
        journal.close();
    }
}
