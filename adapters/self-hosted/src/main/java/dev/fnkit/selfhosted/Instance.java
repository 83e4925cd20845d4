package dev.fnkit.selfhosted;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One instance of a function: a child process serving it on a loopback port. Its state, outstanding requests and
 * generation are guarded by the owning {@link FunctionPool}'s lock.
 */
final class Instance {
    /** Where an instance is in its life. */
    enum State {
        /** Started, not yet answering its readiness probe. */
        STARTING,
        /** Takes requests. */
        READY,
        /** Takes no new requests; stops once those it has are answered. */
        DRAINING,
        /** Being stopped or gone. */
        STOPPED
    }

    private final String id;
    private final int generation;
    private final Process process;
    private final Path directory;
    private final long launchedNanos;
    private final CompletableFuture<Integer> port;
    private final boolean prestarted;
    State state = State.STARTING;
    int outstanding;
    /** Requests dispatched to it so far. */
    long served;
    boolean stopRequested;

    Instance(String id, int generation, Process process, Path directory, long launchedNanos,
             CompletableFuture<Integer> port, boolean prestarted) {
        this.id = id;
        this.generation = generation;
        this.process = process;
        this.directory = directory;
        this.launchedNanos = launchedNanos;
        this.port = port;
        this.prestarted = prestarted;
    }

    /** True when a pre-started worker became this instance. */
    boolean prestarted() {
        return prestarted;
    }

    String id() {
        return id;
    }

    int generation() {
        return generation;
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    Path directory() {
        return directory;
    }

    long launchedNanos() {
        return launchedNanos;
    }

    /** Completes with the port once the process announces it; fails if the process exits first. */
    CompletableFuture<Integer> port() {
        return port;
    }

    /** The announced port, or -1 before that. */
    int portNow() {
        return port.isDone() && !port.isCompletedExceptionally() ? port.join() : -1;
    }

    @Override
    public String toString() {
        return id + " (pid " + process.pid() + ")";
    }
}
