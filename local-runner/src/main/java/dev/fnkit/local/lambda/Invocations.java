package dev.fnkit.local.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The invocations of one emulated execution environment, as Lambda runs them: queued until the runtime asks for the
 * next one, then running until the runtime posts a response or an error or the deadline passes (the deadline counts
 * from the hand-over, as Lambda's timeout does). An init error fails everything queued or running and every later
 * invocation. One runtime serves one invocation at a time, so invocations wait their turn.
 */
final class Invocations {
    /** A runtime waiting in {@code /invocation/next}. */
    interface Waiter {
        /** Hands the invocation over; false when the runtime has gone. */
        boolean deliver(Invocation invocation);
    }

    /** One invocation. */
    static final class Invocation {
        final String requestId;
        final byte[] payload;
        final String traceHeader;
        final String clientContext;
        final CompletableFuture<LambdaRuntimeApiEmulator.Result> result = new CompletableFuture<>();
        long deadlineMillis;
        ScheduledFuture<?> timer;

        Invocation(String requestId, byte[] payload, String traceHeader, String clientContext) {
            this.requestId = requestId;
            this.payload = payload;
            this.traceHeader = traceHeader;
            this.clientContext = clientContext;
        }
    }

    private final Object lock = new Object();
    private final Deque<Invocation> queued = new ArrayDeque<>();
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private final Map<String, Invocation> running = new HashMap<>();
    private final ScheduledExecutorService timers;
    private final Duration timeout;
    private final Duration dispatchTimeout;
    private LambdaRuntimeApiEmulator.Result initError;
    private boolean closed;

    Invocations(ScheduledExecutorService timers, Duration timeout, Duration dispatchTimeout) {
        this.timers = timers;
        this.timeout = timeout;
        this.dispatchTimeout = dispatchTimeout;
    }

    /** Queues an invocation; its future completes with the function's result or an error result. */
    Invocation submit(byte[] payload, String traceHeader, String clientContext) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), payload,
                traceHeader == null || traceHeader.isBlank() ? newTraceHeader() : traceHeader, clientContext);
        synchronized (lock) {
            if (closed) {
                invocation.result.complete(error(invocation.requestId, "Runtime.Unavailable",
                        "The Runtime API emulator is closed"));
                return invocation;
            }
            if (initError != null) {
                invocation.result.complete(initError.forRequest(invocation.requestId));
                return invocation;
            }
            queued.addLast(invocation);
            invocation.timer = timers.schedule(() -> undelivered(invocation), dispatchTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        dispatch();
        return invocation;
    }

    /** A runtime asks for the next invocation: it gets one now or when one arrives. */
    void next(Waiter waiter) {
        synchronized (lock) {
            waiting.addLast(waiter);
        }
        dispatch();
    }

    /** Forgets a waiting runtime whose connection closed. */
    void cancel(Waiter waiter) {
        synchronized (lock) {
            waiting.remove(waiter);
        }
    }

    /** The runtime's response; false when no such invocation is running. */
    boolean respond(String requestId, byte[] body) {
        Invocation invocation = finish(requestId);
        if (invocation == null) {
            return false;
        }
        invocation.result.complete(new LambdaRuntimeApiEmulator.Result(requestId, body, null, null));
        return true;
    }

    /** The runtime reports the invocation failed; false when no such invocation is running. */
    boolean fail(String requestId, byte[] body, String errorType) {
        Invocation invocation = finish(requestId);
        if (invocation == null) {
            return false;
        }
        invocation.result.complete(new LambdaRuntimeApiEmulator.Result(requestId, errorBody(body, errorType),
                LambdaRuntimeApiEmulator.UNHANDLED, errorType(body, errorType)));
        return true;
    }

    /** Lambda's answer when a response is over the limit. */
    boolean responseTooLarge(String requestId, long size) {
        Invocation invocation = finish(requestId);
        if (invocation == null) {
            return false;
        }
        invocation.result.complete(error(requestId, "Function.ResponseSizeTooLarge", "Response payload size ("
                + size + " bytes) exceeded maximum allowed payload size (" + LambdaRuntimeApiEmulator.MAX_PAYLOAD
                + " bytes)."));
        return true;
    }

    /** The runtime failed to initialise: everything queued or running fails with its error, and so will later ones. */
    void initFailed(byte[] body, String errorType) {
        List<Invocation> failed = new ArrayList<>();
        LambdaRuntimeApiEmulator.Result error;
        synchronized (lock) {
            error = new LambdaRuntimeApiEmulator.Result(null, errorBody(body, errorType),
                    LambdaRuntimeApiEmulator.UNHANDLED, errorType(body, errorType));
            initError = error;
            failed.addAll(queued);
            failed.addAll(running.values());
            queued.clear();
            running.clear();
        }
        for (Invocation invocation : failed) {
            cancelTimer(invocation);
            invocation.result.complete(error.forRequest(invocation.requestId));
        }
    }

    LambdaRuntimeApiEmulator.Result initError() {
        synchronized (lock) {
            return initError;
        }
    }

    void close() {
        List<Invocation> open = new ArrayList<>();
        synchronized (lock) {
            closed = true;
            open.addAll(queued);
            open.addAll(running.values());
            queued.clear();
            running.clear();
            waiting.clear();
        }
        for (Invocation invocation : open) {
            cancelTimer(invocation);
            invocation.result.complete(error(invocation.requestId, "Runtime.Unavailable",
                    "The Runtime API emulator closed before the invocation finished"));
        }
    }

    private void dispatch() {
        while (true) {
            Invocation invocation;
            Waiter waiter;
            synchronized (lock) {
                if (queued.isEmpty() || waiting.isEmpty()) {
                    return;
                }
                invocation = queued.pollFirst();
                waiter = waiting.pollFirst();
                cancelTimer(invocation);
                invocation.deadlineMillis = System.currentTimeMillis() + timeout.toMillis();
                running.put(invocation.requestId, invocation);
                invocation.timer = timers.schedule(() -> timedOut(invocation), timeout.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            if (!waiter.deliver(invocation)) {
                synchronized (lock) {
                    running.remove(invocation.requestId);
                    cancelTimer(invocation);
                    queued.addFirst(invocation);
                }
            }
        }
    }

    private Invocation finish(String requestId) {
        Invocation invocation;
        synchronized (lock) {
            invocation = running.remove(requestId);
        }
        if (invocation != null) {
            cancelTimer(invocation);
        }
        return invocation;
    }

    private void timedOut(Invocation invocation) {
        synchronized (lock) {
            if (running.remove(invocation.requestId) == null) {
                return;
            }
        }
        invocation.result.complete(error(invocation.requestId, "Sandbox.Timedout", Instant.now() + " "
                + invocation.requestId + " Task timed out after " + String.format(java.util.Locale.ROOT, "%.2f",
                timeout.toMillis() / 1000.0) + " seconds"));
    }

    private void undelivered(Invocation invocation) {
        synchronized (lock) {
            if (!queued.remove(invocation)) {
                return;
            }
        }
        invocation.result.complete(error(invocation.requestId, "Runtime.Unavailable", "No runtime asked for the"
                + " invocation within " + dispatchTimeout.toSeconds() + " s: is a runtime running with"
                + " AWS_LAMBDA_RUNTIME_API pointing at this emulator?"));
    }

    private static void cancelTimer(Invocation invocation) {
        if (invocation.timer != null) {
            invocation.timer.cancel(false);
            invocation.timer = null;
        }
    }

    static LambdaRuntimeApiEmulator.Result error(String requestId, String errorType, String message) {
        return new LambdaRuntimeApiEmulator.Result(requestId, ErrorJson.of(errorType, message),
                LambdaRuntimeApiEmulator.UNHANDLED, errorType);
    }

    /** The error document the caller gets: the runtime's own when it is JSON, else one made from the body. */
    private static byte[] errorBody(byte[] body, String errorType) {
        if (ErrorJson.isObject(body)) {
            return body;
        }
        return ErrorJson.of(errorType == null ? "Runtime.Unknown" : errorType,
                new String(body, StandardCharsets.UTF_8));
    }

    private static String errorType(byte[] body, String header) {
        String type = ErrorJson.errorType(body);
        return type != null ? type : header;
    }

    /** A new X-Ray trace header: {@code Root=1-<epoch hex>-<24 hex>;Parent=<16 hex>;Sampled=0}. */
    static String newTraceHeader() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format(java.util.Locale.ROOT, "Root=1-%08x-%08x%016x;Parent=%016x;Sampled=0",
                System.currentTimeMillis() / 1000, random.nextInt(), random.nextLong(), random.nextLong() | 1);
    }
}
