package dev.fnkit.selfhosted;

import dev.fnkit.selfhosted.worker.ProcessTrees;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A few worker JVMs started ahead of demand and warmed up, waiting to be specialised to a function, so that scaling
 * from zero pays for loading the application rather than for starting a JVM. They are started like any instance
 * (no function environment, the default heap), so only functions that declare no environment and the default
 * memory can take one. A taken worker is replaced at once.
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

    private final InstanceLauncher launcher;
    private final int size;
    private final ArrayDeque<Prestarted> waiting = new ArrayDeque<>();
    private int next;
    private boolean closed;

    PrestartedWorkers(InstanceLauncher launcher, int size) {
        this.launcher = launcher;
        this.size = size;
    }

    /** Starts workers until {@code size} wait. */
    synchronized void fill() {
        waiting.removeIf(worker -> !worker.process().isAlive());
        while (!closed && waiting.size() < size) {
            String id = "prestarted-" + ++next;
            try {
                waiting.add(launcher.prestart(id));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** A waiting worker, if one is alive; another starts in its place. */
    synchronized Optional<Prestarted> take() {
        Prestarted worker;
        while ((worker = waiting.poll()) != null) {
            if (worker.process().isAlive()) {
                fill();
                return Optional.of(worker);
            }
        }
        fill();
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        closed = true;
        waiting.forEach(worker -> ProcessTrees.kill(worker.process()));
        waiting.clear();
    }
}
