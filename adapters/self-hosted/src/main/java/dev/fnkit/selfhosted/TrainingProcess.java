package dev.fnkit.selfhosted;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A class-data training run of an isolated instance, which can only write its archive into its own directory: once
 * the run exited, and before {@link #waitFor} tells so, the archive it wrote there (a regular file, never followed
 * through a link) is copied to where {@link ClassDataArchives} expects it, and the directory is removed.
 */
final class TrainingProcess extends Process {
    private final Process process;
    private final Path written;
    private final Path archive;
    private final Runnable cleanup;
    private boolean collected;

    TrainingProcess(Process process, Path written, Path archive, Runnable cleanup) {
        this.process = process;
        this.written = written;
        this.archive = archive;
        this.cleanup = cleanup;
        process.onExit().thenRun(this::collect);
    }

    private synchronized void collect() {
        if (collected) {
            return;
        }
        collected = true;
        try {
            if (process.exitValue() == 0 && Files.isRegularFile(written, LinkOption.NOFOLLOW_LINKS)) {
                try (InputStream in = Files.newInputStream(written, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException ignored) {
            // no archive: ClassDataArchives reports the training as failed
        } finally {
            cleanup.run();
        }
    }

    @Override
    public OutputStream getOutputStream() {
        return process.getOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return process.getInputStream();
    }

    @Override
    public InputStream getErrorStream() {
        return process.getErrorStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
        int status = process.waitFor();
        collect();
        return status;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        boolean exited = process.waitFor(timeout, unit);
        if (exited) {
            collect();
        }
        return exited;
    }

    @Override
    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void destroy() {
        process.destroy();
    }

    @Override
    public Process destroyForcibly() {
        process.destroyForcibly();
        return this;
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public ProcessHandle toHandle() {
        return process.toHandle();
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return process.onExit().thenApply(exited -> {
            collect();
            return this;
        });
    }
}
