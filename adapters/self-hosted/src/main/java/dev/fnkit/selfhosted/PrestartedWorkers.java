package dev.fnkit.selfhosted;

import dev.fnkit.api.FunctionOptions;
import dev.fnkit.selfhosted.worker.ProcessTrees;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A few worker JVMs started ahead of demand and warmed up, waiting to be specialised to a function, so that scaling
 * from zero pays for loading the application rather than for starting a JVM. They are started like any instance but
 * with no function environment (a running JVM's environment cannot change), so only functions that declare none can
 * take one. Heap and memory limit are fixed at start, so {@code size} workers wait for each memory size in use:
 * the default one, and each size deployed functions declare ({@link #use}, {@link #release}). A worker that has
 * announced its warm-up is taken first, one still warming up otherwise (one whose warm-up failed has exited). A
 * taken worker is replaced once it serves its function (plus {@link #REPLACE_AFTER_READY}, time for its first
 * answer), or {@link #REPLACE_AT_LATEST} after it was taken: a JVM starting at once would compete for the CPU with
 * the specialisation the caller waits for.
 */
final class PrestartedWorkers implements AutoCloseable {
    /**
     * One waiting worker.
     *
     * @param id        its id until it is specialised
     * @param process   its process
     * @param directory its working directory, which becomes the instance's
     * @param output    its output pumps
     * @param launched  when it was started, {@link System#nanoTime()}
     */
    record Prestarted(String id, Process process, Path directory, InstanceOutput output, long launched) {
    }

    /** How long after a taken worker serves its function its replacement starts. */
    static final Duration REPLACE_AFTER_READY = Duration.ofMillis(200);
    /** How long after a worker was taken its replacement starts at the latest. */
    static final Duration REPLACE_AT_LATEST = Duration.ofSeconds(2);

    private final InstanceLauncher launcher;
    private final int size;
    private final Map<Integer, ArrayDeque<Prestarted>> waiting = new TreeMap<>();
    private final Map<Integer, Integer> users = new TreeMap<>();
    private int next;
    private boolean closed;

    PrestartedWorkers(InstanceLauncher launcher, int size) {
        this.launcher = launcher;
        this.size = size;
        users.put(FunctionOptions.DEFAULTS.memoryMb(), 1);
    }

    /** Keeps workers of a function's memory size while it is deployed (JVM functions without environment only). */
    synchronized void use(FunctionSpec function) {
        if (InstanceLauncher.fitsPrestarted(function)) {
            users.merge(function.options().memoryMb(), 1, Integer::sum);
        }
    }

    /** Undoes one {@link #use}; workers of a size no function uses any more are stopped at the next fill. */
    synchronized void release(FunctionSpec function) {
        if (InstanceLauncher.fitsPrestarted(function)) {
            users.computeIfPresent(function.options().memoryMb(), (memory, count) -> count > 1 ? count - 1 : null);
        }
    }

    /** Starts workers until {@code size} wait for each memory size in use, and stops those of other sizes. */
    synchronized void fill() {
        for (Iterator<Map.Entry<Integer, ArrayDeque<Prestarted>>> sizes = waiting.entrySet().iterator();
             sizes.hasNext(); ) {
            Map.Entry<Integer, ArrayDeque<Prestarted>> entry = sizes.next();
            if (!users.containsKey(entry.getKey())) {
                entry.getValue().forEach(worker -> ProcessTrees.kill(worker.process()));
                sizes.remove();
            }
        }
        for (int memoryMb : users.keySet()) {
            ArrayDeque<Prestarted> workers = waiting.computeIfAbsent(memoryMb, key -> new ArrayDeque<>());
            workers.removeIf(worker -> !worker.process().isAlive());
            while (!closed && workers.size() < size) {
                String id = "prestarted-" + ++next;
                try {
                    workers.add(launcher.prestart(id, memoryMb));
                } catch (IOException e) {
                    return;
                }
            }
        }
    }

    /**
     * A waiting worker of this memory size, if one is alive, a warmed-up one first; another starts in its place in
     * the background, once the taken one serves (see above).
     */
    synchronized Optional<Prestarted> take(int memoryMb) {
        ArrayDeque<Prestarted> workers = waiting.get(memoryMb);
        if (workers != null) {
            workers.removeIf(worker -> !worker.process().isAlive());
        }
        Prestarted taken = workers == null ? null : workers.stream().filter(PrestartedWorkers::warm).findFirst()
                .orElse(workers.peek());
        if (taken == null) {
            CompletableFuture.runAsync(this::fill);
            return Optional.empty();
        }
        workers.remove(taken);
        Executor later = CompletableFuture.delayedExecutor(REPLACE_AFTER_READY.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Void> replaced = new CompletableFuture<>();
        taken.output().endpoint().whenComplete((endpoint, error) -> later.execute(() -> replaced.complete(null)));
        replaced.completeOnTimeout(null, REPLACE_AT_LATEST.toMillis(), TimeUnit.MILLISECONDS)
                .thenRunAsync(this::fill);
        return Optional.of(taken);
    }

    /** True when the worker announced that it warmed up. */
    private static boolean warm(Prestarted worker) {
        CompletableFuture<Void> warm = worker.output().warm();
        return warm.isDone() && !warm.isCompletedExceptionally();
    }

    @Override
    public synchronized void close() {
        closed = true;
        waiting.values().forEach(workers -> workers.forEach(worker -> ProcessTrees.kill(worker.process())));
        waiting.clear();
    }
}
