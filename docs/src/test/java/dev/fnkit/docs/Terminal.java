package dev.fnkit.docs;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader's terminal: runs shell blocks with bash ({@code -euo pipefail}) in a working directory that a block's
 * {@code cd} changes for the next, with {@code fnkit} (this build's CLI) and {@code mvn} (the repository's Maven
 * wrapper) on the {@code PATH}, and every nested Maven build reading this build's fnkit artifacts from a repository
 * laid out by the build ({@code MAVEN_ARGS} sets {@code maven.repo.local}; the usual local repository is its
 * read-only tail). One block at a time may keep running in the background.
 */
final class Terminal implements AutoCloseable {
    private static final Duration BLOCK_LIMIT = Duration.ofMinutes(5);

    private final Map<String, String> env = new HashMap<>();
    private final Path cwdFile;
    private Path cwd;
    private Running background;

    /**
     * @param work  a fresh directory for the terminal's own files
     * @param cwd   the first working directory
     * @param extra more environment variables
     */
    Terminal(Path work, Path cwd, Map<String, String> extra) throws IOException {
        Path bin = Files.createDirectories(work.resolve("bin"));
        script(bin.resolve("fnkit"), "exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' dev.fnkit.local.FnkitCli \"$@\"");
        script(bin.resolve("mvn"), "exec '" + mavenWrapper() + "' \"$@\"");
        env.put("PATH", bin + File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
        env.put("MAVEN_ARGS", "-B -ntp -Dmaven.repo.local=" + System.getProperty("fnkit.it.repository")
                + " -Dmaven.repo.local.tail=" + System.getProperty("fnkit.local.repository"));
        env.putAll(extra);
        this.cwdFile = work.resolve("cwd");
        this.cwd = cwd;
    }

    /** The working directory the next block starts in. */
    Path cwd() {
        return cwd;
    }

    /** Runs a block's text to its end, asserts that it exits with 0, and returns its output. */
    String run(DocBlocks.Block block, String text) throws Exception {
        Running running = start(block, text + "\npwd > '" + cwdFile + "'");
        boolean ended = running.process.waitFor(BLOCK_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            running.stop();
        }
        running.reader.join(2_000);
        String output = running.output();
        assertThat(ended).as(block + " ends within " + BLOCK_LIMIT + "; it printed:\n" + output).isTrue();
        assertThat(running.process.exitValue()).as(block + " exits with 0; it printed:\n" + output).isZero();
        cwd = Path.of(Files.readString(cwdFile).strip());
        return output;
    }

    /**
     * Starts a block that keeps running (stopping the one running before) and waits until its output shows
     * {@code text}.
     */
    void background(DocBlocks.Block block, String text, String shows, Duration wait) throws Exception {
        stopBackground();
        background = start(block, text);
        background.await(block, shows, wait);
    }

    /** Runs a block that never ends until its output shows {@code shows}, then stops it; returns its output. */
    String until(DocBlocks.Block block, String text, String shows, Duration wait) throws Exception {
        Running running = start(block, text);
        try {
            running.await(block, shows, wait);
            return running.output();
        } finally {
            running.stop();
        }
    }

    /** The background block's output so far. */
    String backgroundOutput() {
        return background == null ? "" : background.output();
    }

    @Override
    public void close() {
        stopBackground();
    }

    private void stopBackground() {
        if (background != null) {
            background.stop();
            background = null;
        }
    }

    private Running start(DocBlocks.Block block, String text) throws IOException {
        System.out.println("== " + block + "\n" + text);
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", "cd \"$0\"\n" + text,
                cwd.toString()).directory(cwd.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        return new Running(builder.start());
    }

    /** A started block, its output read (and echoed) as it comes. */
    private static final class Running {
        private final Process process;
        private final StringBuilder output = new StringBuilder();
        private final Thread reader;

        Running(Process process) {
            this.process = process;
            this.reader = new Thread(this::read, "docs-block-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println("  | " + line);
                    synchronized (output) {
                        output.append(line).append('\n');
                        output.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }

        String output() {
            synchronized (output) {
                return output.toString();
            }
        }

        void await(DocBlocks.Block block, String shows, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            synchronized (output) {
                while (output.indexOf(shows) < 0) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                        throw new AssertionError(block + " did not print '" + shows + "' within " + wait
                                + (process.isAlive() ? "" : " (it ended)") + ":\n" + output);
                    }
                    output.wait(Math.min(left, 200));
                }
            }
        }

        void stop() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void script(Path file, String command) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + command + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The nearest Maven wrapper at or above the docs directory. */
    private static Path mavenWrapper() {
        for (Path dir = DocBlocks.docs(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("mvnw"))) {
                return dir.resolve("mvnw");
            }
        }
        throw new IllegalStateException("no mvnw at or above " + DocBlocks.docs());
    }

    /** Copies {@code samples/<name>} of this checkout, without its build output, into {@code checkout}'s samples. */
    static void copySample(String name, Path checkout) throws IOException {
        Path from = DocBlocks.docs().resolveSibling("samples").resolve(name);
        Path to = checkout.resolve("samples").resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> !from.relativize(f).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    /** A port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
