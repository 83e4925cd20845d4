package dev.fnkit.selfhosted;

import dev.fnkit.selfhosted.worker.InstanceProtocol;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One instance of a function: a child process serving it on a loopback port. It is counted (as starting) from the
 * moment the pool decides to start it, before its process exists: the process is started outside the pool's lock
 * and {@link #attach attached} then. Its state, outstanding requests and generation are guarded by the owning
 * {@link FunctionPool}'s lock.
 */
final class Instance {
    /** Where an instance is in its life. */
    enum State {
        /** Started (or being started), not yet answering its readiness probe. */
        STARTING,
        /** Takes requests. */
        READY,
        /** Takes no new requests; stops once those it has are answered. */
        DRAINING,
        /** Being stopped or gone. */
        STOPPED
    }

    /**
     * The process behind an instance, as {@link InstanceLauncher} started it.
     *
     * @param process       the process
     * @param directory     its working directory
     * @param launchedNanos when it was started (or, for a pre-started worker, specialised), {@link System#nanoTime()}
     * @param endpoint      completes with where it serves once it announces it; fails if it exits first
     * @param prestarted    true when a pre-started worker became this instance
     */
    record Launched(Process process, Path directory, long launchedNanos,
                    CompletableFuture<InstanceProtocol.Endpoint> endpoint, boolean prestarted) {
    }

    private final String id;
    private final int generation;
    private Launched launched;
    State state = State.STARTING;
    int outstanding;
    /** Requests dispatched to it so far. */
    long served;
    boolean stopRequested;

    Instance(String id, int generation) {
        this.id = id;
        this.generation = generation;
    }

    /** Gives the instance its started process. */
    void attach(Launched launched) {
        this.launched = launched;
    }

    /** True once its process was started. */
    boolean attached() {
        return launched != null;
    }

    /** True when a pre-started worker became this instance. */
    boolean prestarted() {
        return launched != null && launched.prestarted();
    }

    String id() {
        return id;
    }

    int generation() {
        return generation;
    }

    /** Its process, or null before it was started. */
    Process process() {
        return launched == null ? null : launched.process();
    }

    /** Its process id, or -1 before it was started. */
    long pid() {
        return launched == null ? -1 : launched.process().pid();
    }

    Path directory() {
        return launched.directory();
    }

    long launchedNanos() {
        return launched.launchedNanos();
    }

    /** Completes with where the process serves once it announces it; fails if the process exits first. */
    CompletableFuture<InstanceProtocol.Endpoint> endpoint() {
        return launched.endpoint();
    }

    /** The announced port, or -1 before that. */
    int portNow() {
        InstanceProtocol.Endpoint endpoint = endpointNow();
        return endpoint == null ? -1 : endpoint.port();
    }

    /** Where it announced it serves, or null before that. */
    InstanceProtocol.Endpoint endpointNow() {
        if (launched == null) {
            return null;
        }
        CompletableFuture<InstanceProtocol.Endpoint> endpoint = launched.endpoint();
        return endpoint.isDone() && !endpoint.isCompletedExceptionally() ? endpoint.join() : null;
    }

    @Override
    public String toString() {
        return id + " (pid " + pid() + ")";
    }
}
