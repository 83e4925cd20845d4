package dev.fnkit.selfhosted;

import dev.fnkit.selfhosted.worker.InstanceProtocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts executables in {@code http} mode: the program itself is the instance, started once with env {@code PORT}
 * (a free loopback port) and served like a worker once it is ready: when its declared health path answers 2xx, or,
 * without one, when it accepts connections. The gateway proxies requests to it over keep-alive connections and
 * replaces it when it exits, as for any instance.
 */
final class HttpExecutables {
    /** The environment variable naming the port the program must listen on. */
    static final String PORT = "PORT";

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();
    private static final int ATTEMPT_MILLIS = 500;

    /** Starts a process in an instance's directory with an environment. */
    @FunctionalInterface
    interface Starter {
        Process start(List<String> command, Map<String, String> environment) throws IOException;
    }

    private HttpExecutables() {
    }

    /**
     * Starts an {@code http}-mode executable.
     *
     * @param command     the program (resolved in its bundle) and its arguments
     * @param environment the function's environment, to which {@code PORT} is added
     * @param output      captures the process's output
     * @param startTimeout how long it may take to get ready
     */
    static Instance.Launched launch(FunctionSpec function, List<String> command, Path directory,
                                    Map<String, String> environment, Starter starter,
                                    java.util.function.Consumer<Process> output, Duration startTimeout)
            throws IOException {
        int port = freePort();
        Map<String, String> withPort = new HashMap<>(environment);
        withPort.put(PORT, Integer.toString(port));
        long launched = System.nanoTime();
        Process process = starter.start(command, withPort);
        output.accept(process);
        return new Instance.Launched(process, directory, launched, ready(process, port, function.healthPath(),
                startTimeout).thenApply(ready -> new InstanceProtocol.Endpoint(ready, null)), false);
    }

    /** A loopback port free right now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Completes with the port once the process serves on it; fails when it exits first or takes longer than
     * {@code timeout}.
     */
    static CompletableFuture<Integer> ready(Process process, int port, String healthPath, Duration timeout) {
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (process.isAlive() && System.nanoTime() - deadline < 0) {
                if (serves(port, healthPath)) {
                    ready.complete(port);
                    return;
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
            ready.completeExceptionally(new IOException(process.isAlive() ? "it did not serve on port " + port
                    + (healthPath == null ? "" : " (" + healthPath + " answering 2xx)") + " within "
                    + timeout.toSeconds() + " s" : "the process exited with status " + process.exitValue()
                    + " before it served on port " + port));
        }, "fnkit-ready-" + port);
        waiter.setDaemon(true);
        waiter.start();
        return ready;
    }

    /** True when the port accepts a connection and, with a health path, that path answers 2xx. */
    static boolean serves(int port, String healthPath) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), ATTEMPT_MILLIS);
            if (healthPath == null) {
                return true;
            }
            socket.setSoTimeout(ATTEMPT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + healthPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return statusOf(socket.getInputStream()) / 100 == 2;
        } catch (IOException e) {
            return false;
        }
    }

    /** The status code of an HTTP status line ({@code HTTP/1.1 200 OK}), or -1. */
    private static int statusOf(InputStream in) throws IOException {
        byte[] line = new byte[12];
        int read = 0;
        while (read < line.length) {
            int n = in.read(line, read, line.length - read);
            if (n < 0) {
                return -1;
            }
            read += n;
        }
        String text = new String(line, StandardCharsets.US_ASCII);
        if (!text.startsWith("HTTP/1.") || text.charAt(8) != ' ') {
            return -1;
        }
        try {
            return Integer.parseInt(text.substring(9, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
