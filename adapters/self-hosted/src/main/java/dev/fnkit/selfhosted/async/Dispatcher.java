package dev.fnkit.selfhosted.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.RetryPolicy;
import dev.fnkit.core.EventData;
import dev.fnkit.core.Json;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Delivers journaled calls to function instances. One thread leases due calls from the journal, as many as may be
 * in flight; a call goes to its function as the request it holds, or (for a queue or change trigger with a batch size
 * above one) together with others of its function as one batch: a JSON array of the items, answered with the failed
 * items' ids. Stream records go one at a time, as CloudEvents carrying their partition key (the journal leases one
 * record per partition at a time anyway). A call answered with 408, 429 or 5xx, or whose instance failed, is retried after a backoff
 * until its attempts are used up, then dead-lettered; any other answer completes it. Completed calls are forgotten
 * after a day.
 */
final class Dispatcher implements AutoCloseable {
    private static final int MAX_CLAIM = 256;
    /** How long completed calls (and so their idempotency keys) are kept. */
    static final long KEEP_DONE_MILLIS = TimeUnit.HOURS.toMillis(24);
    private static final long PRUNE_EVERY_MILLIS = TimeUnit.MINUTES.toMillis(10);

    private final Journal journal;
    private final FunctionRuntime functions;
    private final AsyncSettings settings;
    private final Backoff backoff;
    private final Callbacks callbacks;
    private final AsyncMetrics metrics;
    private final LongSupplier clock;
    private final PrintStream log;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExecutorService settling = Executors.newFixedThreadPool(2,
            new DefaultThreadFactory("fnkit-async", true));
    private final Thread thread;
    private volatile boolean running = true;

    Dispatcher(Journal journal, FunctionRuntime functions, AsyncSettings settings, Callbacks callbacks,
               AsyncMetrics metrics, LongSupplier clock, PrintStream log) {
        this.journal = journal;
        this.functions = functions;
        this.settings = settings;
        this.backoff = new Backoff(settings);
        this.callbacks = callbacks;
        this.metrics = metrics;
        this.clock = clock;
        this.log = log;
        this.thread = new Thread(this::run, "fnkit-async-dispatcher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Looks for due calls now rather than at the next poll. */
    void wake() {
        wakeups.release();
    }

    /** Leases no more calls; waits a little for deliveries in flight to be settled. */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(5_000);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (inFlight.get() > 0 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        settling.shutdown();
    }

    private void run() {
        long nextPrune = clock.getAsLong();
        while (running) {
            try {
                if (clock.getAsLong() >= nextPrune) {
                    journal.prune(clock.getAsLong() - KEEP_DONE_MILLIS);
                    nextPrune = clock.getAsLong() + PRUNE_EVERY_MILLIS;
                }
                int free = settings.maxInFlight() - inFlight.get();
                List<Call> calls = free <= 0 ? List.of()
                        : journal.claim(clock.getAsLong(), Math.min(free, MAX_CLAIM)).join();
                if (calls.isEmpty()) {
                    wakeups.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                    continue;
                }
                inFlight.addAndGet(calls.size());
                deliver(calls);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.println("fnkit: async delivery: " + e);
                sleepQuietly(settings.pollInterval().toMillis());
            }
        }
    }

    private void deliver(List<Call> calls) {
        Map<String, List<Call>> batches = new LinkedHashMap<>();
        for (Call call : calls) {
            Optional<DeployedFunction> function = functions.function(call.function());
            if (function.isEmpty()) {
                String error = "function '" + call.function() + "' is not deployed";
                settle(List.of(failed(null, call, 0, error, null)));
            } else if (batched(call, function.get())) {
                batches.computeIfAbsent(call.function(), f -> new ArrayList<>()).add(call);
            } else {
                deliverOne(function.get(), call);
            }
        }
        for (List<Call> items : batches.values()) {
            DeployedFunction function = functions.function(items.get(0).function()).orElseThrow();
            for (int from = 0; from < items.size(); from += function.batchSize()) {
                deliverBatch(function, items.subList(from, Math.min(items.size(), from + function.batchSize())));
            }
        }
    }

    private static boolean batched(Call call, DeployedFunction function) {
        return function.batchSize() > 1 && (call.kind().equals("queue") || call.kind().equals("change"));
    }

    private void deliverOne(DeployedFunction function, Call call) {
        Headers.Builder headers = Headers.builder();
        call.headers().forEach(headers::addAll);
        headers.set(Callbacks.CALL_ID, call.id());
        HttpRequest request = HttpRequest.builder(call.method(), call.path()).headers(headers.build())
                .body(call.body()).build();
        long started = System.nanoTime();
        invoke(function, request, request.path(), call.id()).whenCompleteAsync((response, error) -> {
            double seconds = (System.nanoTime() - started) / 1e9;
            settle(List.of(outcome(function, call, response, error, seconds)));
        }, settling);
    }

    private void deliverBatch(DeployedFunction function, List<Call> items) {
        String batchId = UUID.randomUUID().toString();
        ArrayNode array = Json.mapper().createArrayNode();
        boolean payloads = EventData.hasPayload(function.trigger());
        for (Call item : items) {
            if (payloads) {
                array.add(new String(item.body(), StandardCharsets.UTF_8));
            } else {
                array.add(Json.tree(item.body()));
            }
        }
        HttpRequest request = HttpRequest.builder("POST", "/").header("content-type", "application/json")
                .header(Callbacks.CALL_ID, batchId).body(Json.encode(array)).build();
        invoke(function, request, "/", batchId).whenCompleteAsync((response, error) -> {
            if (error != null || Backoff.retryable(response.status())) {
                List<Settlement> all = new ArrayList<>();
                for (Call item : items) {
                    all.add(outcome(function, item, response, error, 0));
                }
                settle(all);
                return;
            }
            Set<Integer> failedIndexes = failedIndexes(response, batchId);
            List<Settlement> all = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                all.add(failedIndexes.contains(i)
                        ? failed(function, items.get(i), response.status(), "the function reported the item failed",
                        null)
                        : new Settlement(items.get(i).id(), Settlement.Outcome.DONE, items.get(i).attempts() + 1,
                        response.status(), null, clock.getAsLong()));
            }
            settle(all);
        }, settling);
    }

    /** The items a batch function reported failed: ids {@code <request id>-<index>}, as core's dispatch makes them. */
    private static Set<Integer> failedIndexes(HttpResponse response, String batchId) {
        Set<Integer> failed = new HashSet<>();
        if (response.body().isEmpty()) {
            return failed;
        }
        try {
            JsonNode ids = Json.tree(response.body().bytes()).path("failedItemIds");
            for (JsonNode id : ids) {
                String text = id.asText();
                if (text.startsWith(batchId + "-")) {
                    failed.add(Integer.parseInt(text.substring(batchId.length() + 1)));
                }
            }
        } catch (RuntimeException e) {
            return failed;
        }
        return failed;
    }

    private CompletableFuture<HttpResponse> invoke(DeployedFunction function, HttpRequest request, String path,
                                                   String requestId) {
        try {
            return functions.invoke(function.name(), request, path, requestId);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Settlement outcome(DeployedFunction function, Call call, HttpResponse response, Throwable error,
                               double seconds) {
        if (error != null) {
            return failed(function, call, 0, "the instance failed: " + error.getMessage(), null);
        }
        if (Backoff.retryable(response.status())) {
            return failed(function, call, response.status(),
                    "the function answered " + response.status() + detail(response), response);
        }
        callbacks.post(call, response.status(), response, seconds);
        return new Settlement(call.id(), Settlement.Outcome.DONE, call.attempts() + 1, response.status(), null,
                clock.getAsLong());
    }

    private static String detail(HttpResponse response) {
        if (response.header("content-type").filter(t -> t.startsWith("application/problem+json")).isEmpty()) {
            return "";
        }
        try {
            String detail = Json.tree(response.body().bytes()).path("detail").asText("");
            return detail.isEmpty() ? "" : ": " + detail;
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * A failed attempt: retried or dead-lettered as the function's declared retry policy says (except for queue
     * messages, which follow the runtime's settings like a queue's redrive policy), else as the runtime's settings.
     */
    private Settlement failed(DeployedFunction function, Call call, int status, String error,
                              HttpResponse response) {
        int attempts = call.attempts() + 1;
        long now = clock.getAsLong();
        RetryPolicy policy = function == null || call.kind().equals("queue") ? null : function.retry();
        int maxAttempts = policy == null ? settings.maxAttempts() : policy.maxRetries() + 1;
        Backoff delays = policy == null ? backoff
                : new Backoff(policy.minDelay().toMillis(), policy.maxDelay().toMillis());
        if (attempts >= maxAttempts) {
            metrics.deadLetter(call.function());
            log.println("fnkit: call " + call.id() + " to '" + call.function() + "' dead-lettered after " + attempts
                    + " attempts: " + error);
            callbacks.post(call, status, response, 0);
            return new Settlement(call.id(), Settlement.Outcome.DEAD, attempts, status, error, now);
        }
        metrics.retry(call.function());
        return new Settlement(call.id(), Settlement.Outcome.RETRY, attempts, status, error,
                now + delays.delayMillis(attempts, response, now));
    }

    /** Records outcomes, freeing their in-flight slots, and looks for more work. */
    private void settle(List<Settlement> settlements) {
        journal.settle(settlements).whenComplete((ok, error) -> {
            if (error != null) {
                log.println("fnkit: async delivery: cannot record outcomes, they are delivered again: " + error);
            }
            inFlight.addAndGet(-settlements.size());
            wake();
        });
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
