package dev.fnkit.it.gcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Google Functions Framework invoker ({@code com.google.cloud.functions.invoker.runner.Invoker}) serving one
 * function of a packaged application in a child JVM on a free port, as the Cloud Functions runtime starts it: the
 * deployable folder's jar (which reaches {@code libs/} through its manifest) as {@code --classpath}.
 */
final class InvokerProcess implements AutoCloseable {
    private static final String MAIN = "com.google.cloud.functions.invoker.runner.Invoker";
    private static final String READY = "URL: http://";

    private final String function;
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final int port;
    private final Process process;
    private final Path stdout;
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private InvokerProcess(String function, int port, Process process, Path stdout) {
        this.function = function;
        this.port = port;
        this.process = process;
        this.stdout = stdout;
        Thread reader = new Thread(this::readStderr, "invoker-stderr-" + function);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the invoker.
     *
     * @param deployable the packaged {@code target/fnkit/gcp} folder
     * @param target     the entry point class
     * @param signature  {@code FUNCTION_SIGNATURE_TYPE}, as the runtime sets it
     * @param env        more environment variables
     * @param logs       the folder for the child's stdout
     */
    static InvokerProcess start(Path deployable, String function, String target, String signature,
                                Map<String, String> env, Path logs) throws IOException {
        int port = freePort();
        Path stdout = logs.resolve(function + "-stdout.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", invokerJar().toString(), MAIN,
                "--target", target, "--classpath", classpath(deployable), "--port", Integer.toString(port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile());
        builder.environment().put("FNKIT_FUNCTION", function);
        builder.environment().put("FUNCTION_SIGNATURE_TYPE", signature);
        builder.environment().put("FUNCTION_TARGET", target);
        builder.environment().remove("K_SERVICE");
        builder.environment().putAll(env);
        return new InvokerProcess(function, port, builder.start(), stdout);
    }

    /** Waits until the invoker says it serves, or fails with what it printed when it exits or takes too long. */
    InvokerProcess awaitReady(Duration limit) throws Exception {
        try {
            ready.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("The invoker for " + function + " did not start within " + limit + ":\n"
                    + String.join("\n", stderr));
        }
        return this;
    }

    URI uri(String pathAndQuery) {
        try {
            return new URI("http://127.0.0.1:" + port + pathAndQuery);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** What the function logged on stdout so far, one line each. */
    List<String> stdoutLines() throws IOException {
        return Files.readAllLines(stdout, StandardCharsets.UTF_8);
    }

    List<String> stderrLines() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    private void readStderr() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                stderr.add(line);
                if (line.contains(READY)) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            stderr.add("(stderr unreadable: " + e + ")");
        }
        ready.completeExceptionally(new AssertionError("The invoker for " + function + " exited before serving:\n"
                + String.join("\n", stderrLines())));
    }

    /** Stops the invoker and anything it started. */
    @Override
    public void close() throws InterruptedException {
        try (Stream<ProcessHandle> descendants = process.descendants()) {
            descendants.forEach(ProcessHandle::destroy);
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Path invokerJar() {
        try {
            return Path.of(Class.forName(MAIN).getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("The java-function-invoker jar is not on the test class path", e);
        }
    }

    /** The jars at the top of the deployable folder, as the runtime's buildpack passes them. */
    private static String classpath(Path deployable) throws IOException {
        try (Stream<Path> files = Files.list(deployable)) {
            List<String> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).map(Path::toString)
                    .sorted().toList();
            if (jars.isEmpty()) {
                throw new AssertionError("No jar at the top of " + deployable);
            }
            return String.join(java.io.File.pathSeparator, jars);
        }
    }

    /**
     * A port free now and not handed to another invoker of this run: the kernel may offer a port again once its
     * probe socket is closed, before the invoker that got it first has bound it (two invokers then share a port).
     */
    private static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }
}
