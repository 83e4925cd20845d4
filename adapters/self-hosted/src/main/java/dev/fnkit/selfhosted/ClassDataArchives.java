package dev.fnkit.selfhosted;

import dev.fnkit.selfhosted.worker.ProcessTrees;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive per JVM function and revision, so that an instance started from scratch maps the
 * classes it needs (the JDK's, Netty's, fnkit's and the application's) instead of loading and verifying them. After a
 * deploy, one training instance per function runs in the background, one at a time: a
 * worker started with {@code -XX:ArchiveClassesAtExit} that warms up, loads and primes the function, answers one
 * probe and exits normally ({@code Worker --train}). Its archive is written under a temporary name and moved into
 * place only when the training exits with status 0. Archives live in
 * {@code <data-dir>/cds/<key>/<app>/<revision>-<function>.jsa}, where the key names the JDK and the worker's
 * class path and JVM options (archives of other keys are deleted at start-up, those of older revisions when a newer
 * one is trained). Instances use an archive with {@code -Xshare:auto}, so a missing or unusable archive only costs
 * the speed-up.
 */
final class ClassDataArchives implements AutoCloseable {
    /** Starts the process of a training run writing the archive to the given file. */
    interface Trainer {
        Process startTraining(FunctionSpec function, DeployedApp app, Path archive) throws IOException;
    }

    private static final long TRAINING_TIMEOUT_SECONDS = 120;

    private final Path directory;
    private final PrintStream log;
    private final ExecutorService training;
    private final Set<Path> queued = ConcurrentHashMap.newKeySet();
    private volatile Process running;
    private volatile boolean closed;

    /**
     * @param root    the data directory's {@code cds} folder
     * @param key     what archives must match besides the function: the JDK, class path and JVM options
     */
    ClassDataArchives(Path root, String key, PrintStream log) {
        this.directory = root.resolve(digest(Runtime.version() + "\n" + key));
        this.log = log;
        this.training = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fnkit-cds-training");
            thread.setDaemon(true);
            return thread;
        });
        if (Files.isDirectory(root)) {
            try (Stream<Path> keys = Files.list(root)) {
                keys.filter(other -> !other.equals(directory)).forEach(InstanceLauncher::deleteTree);
            } catch (IOException ignored) {
                // stale archives only take space
            }
        }
    }

    /** Where the archive of a function's revision is (or will be). */
    Path archive(FunctionSpec function, DeployedApp app) {
        return directory.resolve(app.name()).resolve(app.revision() + "-" + function.name() + ".jsa");
    }

    /** The function's archive, when its training wrote one. */
    Optional<Path> existing(FunctionSpec function, DeployedApp app) {
        Path archive = archive(function, app);
        return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
    }

    /** Trains the function's archive in the background unless it exists or is queued; JVM functions only. */
    void train(FunctionSpec function, DeployedApp app, Trainer trainer) {
        Path archive = archive(function, app);
        if (closed || function.executable() || Files.exists(archive) || !queued.add(archive)) {
            return;
        }
        try {
            training.execute(() -> {
                try {
                    run(function, app, archive, trainer);
                } finally {
                    queued.remove(archive);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queued.remove(archive);
        }
    }

    private void run(FunctionSpec function, DeployedApp app, Path archive, Trainer trainer) {
        if (closed) {
            return;
        }
        Path written = archive.resolveSibling(archive.getFileName() + ".tmp");
        long started = System.nanoTime();
        try {
            Files.createDirectories(archive.getParent());
            Files.deleteIfExists(written);
            Process process = trainer.startTraining(function, app, written);
            running = process;
            if (closed) {
                ProcessTrees.kill(process);
            }
            boolean exited = process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!exited) {
                ProcessTrees.kill(process);
            }
            if (exited && process.exitValue() == 0 && Files.size(written) > 0) {
                Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                removeOlderRevisions(app);
                log.printf("fnkit: class-data archive of %s written in %d ms (%d KiB)%n", function.name(),
                        (System.nanoTime() - started) / 1_000_000, Files.size(archive) / 1024);
            } else if (!closed) {
                log.println("fnkit: no class-data archive for " + function.name() + ": its training run "
                        + (exited ? "exited with status " + process.exitValue() : "did not end in "
                        + TRAINING_TIMEOUT_SECONDS + " s") + "; its instances start without one");
            }
        } catch (IOException e) {
            log.println("fnkit: no class-data archive for " + function.name() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = null;
            try {
                Files.deleteIfExists(written);
            } catch (IOException ignored) {
                // removed with the next training
            }
        }
    }

    private void removeOlderRevisions(DeployedApp app) throws IOException {
        String current = app.revision() + "-";
        try (Stream<Path> archives = Files.list(directory.resolve(app.name()))) {
            for (Path other : archives.toList()) {
                if (!other.getFileName().toString().startsWith(current)) {
                    Files.deleteIfExists(other);
                }
            }
        }
    }

    /** Stops training; a run in progress is killed and writes nothing. */
    @Override
    public void close() {
        closed = true;
        training.shutdownNow();
        Process process = running;
        if (process != null) {
            ProcessTrees.kill(process);
        }
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Runtime.version().feature() + "-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
