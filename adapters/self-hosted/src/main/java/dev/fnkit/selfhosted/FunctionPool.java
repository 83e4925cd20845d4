package dev.fnkit.selfhosted;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.selfhosted.worker.InstanceProtocol;
import dev.fnkit.selfhosted.worker.ProcessTrees;
import io.netty.channel.EventLoop;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The instances of one function and the requests waiting for them. A request goes to the ready instance with the
 * fewest outstanding requests below the function's concurrency limit, or waits in a bounded buffer until one frees
 * up or starts; one still waiting at its deadline gets a 503. The deadline (arrival plus the function's timeout) also
 * bounds the forwarded request: past it the caller gets a 504 and the instance is recycled. An instance that exits
 * is replaced and its in-flight requests get a 502; a request that never reached an instance is retried on another.
 * A worker instance is ready once it announces its port (it does so when it serves: its function loaded and primed,
 * its server listening); an {@code http}-mode executable, which announces nothing, once it answers its health probe.
 * The autoscaler sets how many instances there should be; a redeploy starts a new generation, and the old one drains
 * as the new one becomes ready. A request answered well is finished on the thread that received the answer, which
 * never starts a process there (that is left to the timer thread), so it may be an event loop.
 */
final class FunctionPool {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    private static final long STOP_GRACE_MILLIS = 5_000;

    private final String name;
    private final GatewayConfig config;
    private final InstanceLauncher launcher;
    private final InstanceClient client;
    private final ScheduledExecutorService timers;
    private final GatewayMetrics metrics;
    private final LongSupplier clock;
    private final ArrayDeque<Pending> buffer = new ArrayDeque<>();
    private final List<Instance> instances = new ArrayList<>();
    private final ConcurrencyMeter meter;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private FunctionSpec spec;
    private DeployedApp app;
    private Autoscaling autoscaling;
    private KpaDecider decider;
    private ScaleDecision lastDecision;
    private int generation;
    private int desired;
    private int nextId;
    private int rotation;
    private int startFailures;
    private long noStartsBefore;
    private boolean closed;
    private ScheduledFuture<?> ticking;

    private static final class Pending {
        final HttpRequest request;
        final String path;
        final String requestId;
        final long deadline;
        final EventLoop loop;
        final ServedBy response;
        ScheduledFuture<?> timer;
        int attempts;
        boolean coldStart;

        Pending(HttpRequest request, String path, String requestId, long deadline, EventLoop loop,
                ServedBy response) {
            this.request = request;
            this.path = path;
            this.requestId = requestId;
            this.deadline = deadline;
            this.loop = loop;
            this.response = response;
        }
    }

    FunctionPool(FunctionSpec spec, DeployedApp app, Autoscaling autoscaling, GatewayConfig config,
                 InstanceLauncher launcher, InstanceClient client, ScheduledExecutorService timers,
                 GatewayMetrics metrics, LongSupplier clock) {
        this.name = spec.name();
        this.config = config;
        this.launcher = launcher;
        this.client = client;
        this.timers = timers;
        this.metrics = metrics;
        this.clock = clock;
        this.meter = new ConcurrencyMeter(clock.getAsLong());
        synchronized (this) {
            deploy(spec, app, autoscaling);
        }
    }

    String name() {
        return name;
    }

    synchronized FunctionSpec spec() {
        return spec;
    }

    /**
     * Serves a request: {@code path} is what the instance sees, {@code arrival} starts the deadline, {@code loop}
     * (or null) serves the connection to the instance, {@code response} gets the answer. May start an instance, so
     * it must not run on an event loop.
     *
     * @return {@code response}
     */
    ServedBy submit(HttpRequest request, String path, String requestId, long arrival, EventLoop loop,
                    ServedBy response) {
        synchronized (this) {
            if (!trySubmit(request, path, requestId, arrival, loop, response)) {
                buffer(request, path, requestId, arrival, loop, response);
            }
            return response;
        }
    }

    /**
     * Serves a request if that needs neither buffering nor starting an instance: when an instance is free (or the
     * pool is closed). Never blocks but for the pool's lock.
     *
     * @return true when {@code response} gets the answer, false when the request must go through {@link #submit}
     */
    synchronized boolean trySubmit(HttpRequest request, String path, String requestId, long arrival, EventLoop loop,
                                   ServedBy response) {
        if (closed) {
            response.complete(GatewayProblems.unavailable("function-removed",
                    "Function '" + name + "' is being removed or redeployed", requestId, 1));
            return true;
        }
        Instance instance = pick();
        if (instance == null) {
            return false;
        }
        long now = clock.getAsLong();
        Pending pending = new Pending(request, path, requestId, arrival + spec.options().timeout().toMillis(), loop,
                response);
        meter.add(now, 1);
        dispatch(instance, pending, now);
        return true;
    }

    private void buffer(HttpRequest request, String path, String requestId, long arrival, EventLoop loop,
                        ServedBy response) {
        if (buffer.size() >= config.bufferSize()) {
            response.complete(GatewayProblems.unavailable("buffer-full",
                    "Function '" + name + "' has " + buffer.size() + " requests waiting already", requestId, 1));
            return;
        }
        long now = clock.getAsLong();
        Pending pending = new Pending(request, path, requestId, arrival + spec.options().timeout().toMillis(), loop,
                response);
        meter.add(now, 1);
        enqueue(pending, now, false);
        if (active() == 0) {
            poke(now);
        }
    }

    /** One autoscaler evaluation: records the concurrency since the last one and applies the decision. */
    synchronized void tick() {
        if (closed) {
            return;
        }
        long now = clock.getAsLong();
        long start = meter.sampleStart();
        decider.record(start, now, meter.sample(now));
        apply(decider.decide(now, ready(), active()), now);
        probeIdle();
    }

    /**
     * Sets the desired instances by hand (the admin API): the autoscaler keeps at least that many for one stable
     * window, then goes on from there.
     */
    synchronized void scaleTo(int instances) {
        long now = clock.getAsLong();
        decider.hold(instances, now, "manual");
        apply(new ScaleDecision(instances, "manual", false, 0, 0), now);
    }

    /** Serves a new revision of the function: new instances start, old ones drain once enough are ready. */
    synchronized void redeploy(FunctionSpec spec, DeployedApp app, Autoscaling autoscaling) {
        deploy(spec, app, autoscaling);
    }

    /**
     * Takes no more requests; those waiting get a 503; instances stop once their requests are answered.
     *
     * @return completes when every instance has exited
     */
    synchronized CompletableFuture<Void> close() {
        if (!closed) {
            launcher.released(spec);
        }
        closed = true;
        ticking.cancel(false);
        Pending pending;
        while ((pending = buffer.poll()) != null) {
            reject(pending, GatewayProblems.unavailable("function-removed", "Function '" + name
                    + "' is being removed", pending.requestId, 1));
        }
        desired = 0;
        reconcile();
        if (instances.isEmpty()) {
            stopped.complete(null);
        }
        return stopped;
    }

    /** Stops every instance at once. */
    synchronized void kill() {
        closed = true;
        ticking.cancel(false);
        for (Instance instance : instances) {
            instance.stopRequested = true;
            instance.state = Instance.State.STOPPED;
            if (instance.attached()) {
                ProcessTrees.kill(instance.process());
            }
        }
    }

    synchronized PoolStatus status() {
        List<PoolStatus.InstanceStatus> list = new ArrayList<>();
        for (Instance instance : instances) {
            InstanceProtocol.Endpoint endpoint = instance.endpointNow();
            list.add(new PoolStatus.InstanceStatus(instance.id(), instance.pid(), instance.state.name(),
                    instance.outstanding, endpoint == null ? -1 : endpoint.port(),
                    endpoint == null || endpoint.socket() == null ? null : endpoint.socket().toString(),
                    instance.generation() < generation));
        }
        return new PoolStatus(name, app.name(), spec, desired, count(Instance.State.READY),
                count(Instance.State.STARTING), count(Instance.State.DRAINING), buffer.size(), meter.level(),
                lastDecision, list);
    }

    private void deploy(FunctionSpec spec, DeployedApp app, Autoscaling autoscaling) {
        if (this.spec != null) {
            launcher.released(this.spec);
        }
        launcher.deployed(spec, app);
        this.spec = spec;
        this.app = app;
        this.autoscaling = autoscaling;
        long now = clock.getAsLong();
        int carried = generation == 0 ? 0 : Math.max(desired, active() > 0 ? 1 : 0);
        this.decider = new KpaDecider(autoscaling, spec.concurrencyLimit(), spec.options().minInstances(),
                spec.options().maxInstances(), now);
        this.generation++;
        if (ticking != null) {
            ticking.cancel(false);
        }
        long every = autoscaling.tick().toMillis();
        ticking = timers.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
        startFailures = 0;
        noStartsBefore = 0;
        int initial = Math.max(autoscaling.initialScale(), spec.options().minInstances());
        apply(new ScaleDecision(Math.max(initial, carried), generation == 1 ? "deploy" : "redeploy", false, 0, 0),
                now);
    }

    private void poke(long now) {
        long start = meter.sampleStart();
        decider.record(start, now, meter.sample(now));
        ScaleDecision decision = decider.decide(now, ready(), active());
        int wanted = (int) Math.ceil(meter.level() / decider.target());
        int max = spec.options().maxInstances();
        wanted = max > 0 ? Math.min(wanted, max) : wanted;
        if (wanted > decision.desired()) {
            decision = new ScaleDecision(wanted, "poke", decision.panic(), decision.stableConcurrency(),
                    decision.panicConcurrency());
        }
        apply(decision, now);
    }

    private void apply(ScaleDecision decision, long now) {
        ScaleDecision previous = lastDecision;
        lastDecision = decision;
        boolean panicChanged = previous != null && previous.panic() != decision.panic();
        if (decision.desired() != desired || panicChanged) {
            config.log().printf("fnkit autoscaler: %s %d -> %d instances (%s; concurrency %.2f stable, %.2f panic;"
                            + " %d ready)%n", name, desired, decision.desired(), decision.reason(),
                    decision.stableConcurrency(), decision.panicConcurrency(), ready());
            metrics.scaleDecision(name, decision.reason(), Integer.compare(decision.desired(), desired));
        }
        desired = decision.desired();
        reconcile();
    }

    private Instance pick() {
        Instance best = null;
        int limit = spec.concurrencyLimit();
        int size = instances.size();
        for (int i = 0; i < size; i++) {
            Instance candidate = instances.get((rotation + i) % size);
            if (candidate.state != Instance.State.READY || candidate.outstanding >= limit) {
                continue;
            }
            if (best == null || better(candidate, best)) {
                best = candidate;
            }
        }
        rotation++;
        return best;
    }

    private boolean better(Instance candidate, Instance best) {
        boolean candidateCurrent = candidate.generation() == generation;
        boolean bestCurrent = best.generation() == generation;
        if (candidateCurrent != bestCurrent) {
            return candidateCurrent;
        }
        return candidate.outstanding < best.outstanding;
    }

    private void enqueue(Pending pending, long now, boolean first) {
        if (first) {
            buffer.addFirst(pending);
        } else {
            buffer.addLast(pending);
        }
        pending.timer = timers.schedule(() -> expire(pending), Math.max(0, pending.deadline - now),
                TimeUnit.MILLISECONDS);
    }

    private synchronized void expire(Pending pending) {
        if (buffer.remove(pending)) {
            meter.add(clock.getAsLong(), -1);
            reject(pending, GatewayProblems.unavailable("not-served-in-time", "No instance of function '" + name
                    + "' could take the request before its deadline", pending.requestId, retryAfterSeconds()));
        }
    }

    private void dispatch(Instance instance, Pending pending, long now) {
        if (pending.timer != null) {
            pending.timer.cancel(false);
        }
        long remaining = pending.deadline - now;
        if (remaining <= 0) {
            meter.add(now, -1);
            reject(pending, GatewayProblems.unavailable("not-served-in-time", "No instance of function '" + name
                    + "' could take the request before its deadline", pending.requestId, retryAfterSeconds()));
            return;
        }
        instance.outstanding++;
        pending.coldStart = instance.served++ == 0;
        CompletableFuture<HttpResponse> sent;
        try {
            sent = client.send(instance.endpointNow(), pending.request, pending.path, pending.requestId,
                    pending.deadline, Duration.ofMillis(remaining), pending.loop);
        } catch (IllegalArgumentException e) {
            instance.outstanding--;
            meter.add(now, -1);
            reject(pending, GatewayProblems.of(400, "malformed-request", "The request path cannot be forwarded: "
                    + e.getMessage(), pending.requestId));
            return;
        } catch (RuntimeException e) {
            instance.outstanding--;
            meter.add(now, -1);
            config.log().println("fnkit: forwarding request " + pending.requestId + " to " + instance + " failed: "
                    + e);
            reject(pending, GatewayProblems.instanceFailed(name, pending.requestId));
            return;
        }
        sent.whenComplete((response, error) -> {
            if (error == null) {
                finished(instance, pending, response, null);
            } else {
                timers.execute(() -> finished(instance, pending, null, error));
            }
        });
    }

    private synchronized void finished(Instance instance, Pending pending, HttpResponse response, Throwable error) {
        long now = clock.getAsLong();
        instance.outstanding--;
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            pending.response.complete(response, instance.id(), pending.coldStart);
        } else if (cause instanceof InstanceClient.NotSent notSent) {
            if (notSent.refused()) {
                recycle(instance, "refused a connection", true);
            }
            if (now < pending.deadline && pending.attempts++ < 2 && !closed) {
                enqueue(pending, now, true);
                drain(now);
                reconcile();
                return;
            }
            pending.response.complete(GatewayProblems.instanceFailed(name, pending.requestId));
        } else if (cause instanceof TimeoutException) {
            pending.response.complete(GatewayProblems.timeout(name, spec.options().timeout().toMillis(),
                    pending.requestId));
            recycle(instance, "did not answer request " + pending.requestId + " before its deadline", true);
        } else {
            if (!(cause instanceof IOException)) {
                config.log().println("fnkit: forwarding request " + pending.requestId + " to " + instance
                        + " failed: " + cause);
            }
            pending.response.complete(GatewayProblems.instanceFailed(name, pending.requestId));
        }
        meter.add(now, -1);
        drain(now);
        reconcile(cause != null);
    }

    private void drain(long now) {
        while (!buffer.isEmpty()) {
            Instance instance = pick();
            if (instance == null) {
                return;
            }
            dispatch(instance, buffer.poll(), now);
        }
    }

    private void reconcile() {
        reconcile(true);
    }

    /**
     * Starts or stops instances to match the desired count, drains the old generation, stops idle drainers; unless
     * {@code mayStart}, instances to start are left to the timer thread.
     */
    private void reconcile(boolean mayStart) {
        long now = clock.getAsLong();
        List<Instance> current = new ArrayList<>();
        for (Instance instance : instances) {
            if (instance.generation() == generation && (instance.state == Instance.State.STARTING
                    || instance.state == Instance.State.READY)) {
                current.add(instance);
            }
        }
        int wanted = closed ? 0 : desired;
        if (current.size() < wanted && now >= noStartsBefore && !mayStart) {
            timers.execute(this::reconcileLater);
        } else if (current.size() < wanted && now >= noStartsBefore) {
            for (int i = current.size(); i < wanted; i++) {
                start();
            }
        } else if (current.size() > wanted) {
            current.sort(Comparator.comparing((Instance instance) -> instance.state == Instance.State.READY)
                    .thenComparingInt(instance -> instance.outstanding));
            for (int i = 0; i < current.size() - wanted; i++) {
                current.get(i).state = Instance.State.DRAINING;
            }
        }
        int readyCurrent = 0;
        for (Instance instance : instances) {
            if (instance.generation() == generation && instance.state == Instance.State.READY) {
                readyCurrent++;
            }
        }
        for (Instance instance : new ArrayList<>(instances)) {
            boolean old = instance.generation() < generation;
            if (old && instance.state == Instance.State.STARTING) {
                stop(instance, true);
            } else if (old && instance.state == Instance.State.READY && (readyCurrent >= wanted || closed)) {
                instance.state = Instance.State.DRAINING;
            }
            if (instance.state == Instance.State.DRAINING && instance.outstanding == 0) {
                stop(instance, instance.stopRequested);
            }
        }
        if (closed && instances.isEmpty()) {
            stopped.complete(null);
        }
    }

    /**
     * Counts a new instance as starting and starts its process on the timer thread, outside this lock; the process
     * is attached, or the start counted as failed, when that is done.
     */
    private void start() {
        Instance instance = new Instance(name + "-" + ++nextId, generation);
        FunctionSpec function = spec;
        DeployedApp deployed = app;
        try {
            timers.execute(() -> launch(instance, function, deployed));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return;
        }
        instances.add(instance);
    }

    private void launch(Instance instance, FunctionSpec function, DeployedApp deployed) {
        Instance.Launched launched;
        try {
            launched = launcher.launch(function, deployed, instance.id(), instance.generation());
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                instances.remove(instance);
                if (instance.state == Instance.State.STARTING) {
                    startFailed(null, "cannot start a process: " + e.getMessage());
                }
                reconcile();
            }
            return;
        }
        synchronized (this) {
            instance.attach(launched);
            instance.process().onExit().thenRun(() -> exited(instance));
            if (instance.state == Instance.State.STOPPED) {
                ProcessTrees.kill(instance.process());
                return;
            }
            metrics.coldStart(name, instance.prestarted());
        }
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        instance.endpoint()
                .thenCompose(endpoint -> function.httpMode()
                        ? probeUntilReady(instance, endpoint.port(), function, deadline)
                        : CompletableFuture.completedFuture(true))
                .orTimeout(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> ready(instance, Boolean.TRUE.equals(ok), error));
    }

    /**
     * Probes a starting instance again and again until it answers or its start deadline passes: on a busy machine a
     * slow first answer is a slow start, not a failed one.
     */
    private CompletableFuture<Boolean> probeUntilReady(Instance instance, int port, FunctionSpec function,
                                                       long deadline) {
        return client.probe(port, function, PROBE_TIMEOUT).exceptionally(error -> false).thenCompose(ok -> {
            if (ok || System.nanoTime() >= deadline || !instance.process().isAlive()) {
                return CompletableFuture.completedFuture(ok);
            }
            CompletableFuture<Boolean> next = new CompletableFuture<>();
            try {
                timers.schedule(() -> probeUntilReady(instance, port, function, deadline).whenComplete((again, e) -> {
                    if (e != null) {
                        next.completeExceptionally(e);
                    } else {
                        next.complete(again);
                    }
                }), PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                next.complete(false);
            }
            return next;
        });
    }

    private synchronized void ready(Instance instance, boolean ok, Throwable error) {
        if (instance.state != Instance.State.STARTING) {
            return;
        }
        if (!ok) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            startFailed(instance, cause == null ? "it did not answer its readiness probe"
                    : cause instanceof java.util.concurrent.TimeoutException
                    ? "it did not get ready within " + config.startTimeout().toSeconds() + " s" : cause.getMessage());
            return;
        }
        instance.state = Instance.State.READY;
        startFailures = 0;
        long nanos = System.nanoTime() - instance.launchedNanos();
        metrics.coldStartTime(name, instance.prestarted(), nanos);
        config.log().printf("fnkit: instance %s of %s ready in %d ms%s%n", instance, name, nanos / 1_000_000,
                instance.prestarted() ? " (pre-started worker)" : "");
        long now = clock.getAsLong();
        drain(now);
        reconcile();
    }

    private void startFailed(Instance instance, String why) {
        startFailures++;
        long backoff = Math.min(30_000, 250L << Math.min(7, startFailures));
        noStartsBefore = clock.getAsLong() + backoff;
        config.log().println("fnkit: an instance of " + name + (instance == null ? "" : " (" + instance + ")")
                + " failed to start: " + why + "; retrying in " + backoff + " ms");
        if (instance != null) {
            stop(instance, true);
        }
        if (startFailures >= 3 && instances.stream().noneMatch(other -> other.state != Instance.State.STOPPED)) {
            Pending pending;
            while ((pending = buffer.poll()) != null) {
                meter.add(clock.getAsLong(), -1);
                reject(pending, GatewayProblems.unavailable("function-not-starting", "Instances of function '" + name
                        + "' fail to start; the gateway log says why", pending.requestId, retryAfterSeconds()));
            }
        }
        timers.schedule(this::reconcileLater, backoff, TimeUnit.MILLISECONDS);
    }

    private synchronized void reconcileLater() {
        reconcile();
    }

    private synchronized void exited(Instance instance) {
        boolean expected = instance.stopRequested;
        instances.remove(instance);
        instance.state = Instance.State.STOPPED;
        if (instance.portNow() > 0) {
            client.forget(instance.portNow());
        }
        InstanceLauncher.deleteTree(instance.directory());
        if (!expected) {
            config.log().println("fnkit: instance " + instance + " of " + name + " exited with status "
                    + instance.process().exitValue() + "; replacing it");
            metrics.instanceCrash(name);
        }
        drain(clock.getAsLong());
        reconcile();
    }

    /** Takes an instance out of service; it stops once its other requests are answered (or at once if forced). */
    private void recycle(Instance instance, String why, boolean force) {
        if (instance.state == Instance.State.STOPPED || instance.stopRequested) {
            return;
        }
        config.log().println("fnkit: recycling instance " + instance + " of " + name + ": it " + why);
        instance.stopRequested = force;
        instance.state = Instance.State.DRAINING;
        if (instance.outstanding == 0) {
            stop(instance, force);
        }
    }

    private void stop(Instance instance, boolean force) {
        instance.stopRequested = true;
        instance.state = Instance.State.STOPPED;
        Process process = instance.process();
        if (process == null) {
            return;
        }
        if (force) {
            ProcessTrees.kill(process);
            return;
        }
        process.destroy();
        timers.schedule(() -> {
            if (process.isAlive()) {
                ProcessTrees.kill(process);
            }
        }, STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void probeIdle() {
        for (Instance instance : instances) {
            if (instance.state == Instance.State.READY && instance.outstanding == 0) {
                Instance probed = instance;
                client.probe(instance.portNow(), spec, PROBE_TIMEOUT).thenAccept(ok -> {
                    if (!ok) {
                        synchronized (this) {
                            if (probed.state == Instance.State.READY && probed.outstanding == 0
                                    && probed.process().isAlive()) {
                                recycle(probed, "did not answer its liveness probe", true);
                                reconcile();
                            }
                        }
                    }
                });
            }
        }
    }

    private void reject(Pending pending, HttpResponse response) {
        if (pending.timer != null) {
            pending.timer.cancel(false);
        }
        pending.response.complete(response);
    }

    private int retryAfterSeconds() {
        return (int) Math.max(1, Math.min(60, autoscaling.tick().toSeconds()));
    }

    private int ready() {
        return count(Instance.State.READY);
    }

    private int active() {
        int n = 0;
        for (Instance instance : instances) {
            if (instance.state == Instance.State.STARTING || instance.state == Instance.State.READY) {
                n++;
            }
        }
        return n;
    }

    private int count(Instance.State state) {
        int n = 0;
        for (Instance instance : instances) {
            if (instance.state == state) {
                n++;
            }
        }
        return n;
    }
}
