package dev.fnkit.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches the compiled-classes directories of apps, recursively, and reloads an app once its files have been quiet
 * for the debounce time (a compiler writes many files). A classes directory that is deleted and created again, also
 * with its parent ({@code mvn clean compile} recreating {@code target/classes}), is watched again.
 */
final class ClassesWatcher implements AutoCloseable {
    static final Duration DEBOUNCE = Duration.ofMillis(300);

    /** Directories above a class root that are watched for the root being created again. */
    private static final int ANCESTORS = 2;

    private record Watched(RunningApp app, Path directory, Path root, boolean aboveRoot) {
    }

    private final WatchService service;
    private final Consumer<RunningApp> reload;
    private final PrintStream log;
    private final Map<WatchKey, Watched> keys = new HashMap<>();
    private final Map<RunningApp, Long> pending = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts watching.
     *
     * @param apps   the apps to watch (those that can reload)
     * @param reload called on the watcher's thread to reload an app
     * @param log    where watching problems are reported
     */
    ClassesWatcher(List<RunningApp> apps, Consumer<RunningApp> reload, PrintStream log) {
        this.reload = reload;
        this.log = log;
        try {
            this.service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch for changed classes", e);
        }
        for (RunningApp app : apps) {
            for (Path root : app.source().classRoots()) {
                Path absolute = root.toAbsolutePath();
                Path ancestor = absolute.getParent();
                for (int level = 0; level < ANCESTORS && ancestor != null; level++, ancestor = ancestor.getParent()) {
                    if (Files.isDirectory(ancestor)) {
                        register(ancestor, new Watched(app, ancestor, absolute, true));
                    }
                }
                registerTree(app, absolute);
            }
        }
        thread = new Thread(this::loop, "fnkit-reload");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (!closed) {
                WatchKey key = pending.isEmpty() ? service.take()
                        : service.poll(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextDeadline() - System.nanoTime())),
                        TimeUnit.MILLISECONDS);
                while (key != null) {
                    handle(key);
                    key = service.poll();
                }
                reloadQuietApps();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(WatchKey key) {
        Watched watched = keys.get(key);
        if (watched == null) {
            key.cancel();
            return;
        }
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                changed(watched.app);
                continue;
            }
            Path child = watched.directory.resolve((Path) event.context());
            if (watched.aboveRoot) {
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && watched.root.startsWith(child)) {
                    if (!child.equals(watched.root)) {
                        register(child, new Watched(watched.app, child, watched.root, true));
                    }
                    if (Files.isDirectory(watched.root)) {
                        registerTree(watched.app, watched.root);
                        changed(watched.app);
                    }
                }
                continue;
            }
            changed(watched.app);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
                registerTree(watched.app, child);
            }
        }
        if (!key.reset()) {
            keys.remove(key);
        }
    }

    private void changed(RunningApp app) {
        pending.put(app, System.nanoTime() + DEBOUNCE.toNanos());
    }

    private long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (long deadline : pending.values()) {
            next = Math.min(next, deadline);
        }
        return next;
    }

    private void reloadQuietApps() {
        long now = System.nanoTime();
        Iterator<Map.Entry<RunningApp, Long>> due = pending.entrySet().iterator();
        while (due.hasNext()) {
            Map.Entry<RunningApp, Long> entry = due.next();
            if (entry.getValue() - now <= 0) {
                due.remove();
                try {
                    reload.accept(entry.getKey());
                } catch (RuntimeException e) {
                    log.println("fnkit: reloading " + entry.getKey() + " failed: " + e);
                }
            }
        }
    }

    private void registerTree(RunningApp app, Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> directories = Files.walk(root)) {
            directories.filter(Files::isDirectory)
                    .forEach(directory -> register(directory, new Watched(app, directory, root, false)));
        } catch (IOException | UncheckedIOException e) {
            log.println("fnkit: cannot watch " + root + " for changes: " + e.getMessage());
        }
    }

    private void register(Path directory, Watched watched) {
        try {
            WatchKey key = directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            keys.putIfAbsent(key, watched);
        } catch (IOException e) {
            log.println("fnkit: cannot watch " + directory + " for changes: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            log.println("fnkit: " + e.getMessage());
        }
        thread.interrupt();
    }
}
