package dev.fnkit.benchmarks.coldstart;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * One cold start under the real Google Functions Framework invoker in a new JVM, serving the contender's target
 * from its class path; the time is from starting that JVM to the first complete answer to {@code POST /hello}
 * (connection attempts are retried every millisecond until the invoker listens).
 */
final class InvokerColdStart {
    private static final String MAIN = "com.google.cloud.functions.invoker.runner.Invoker";
    private static final byte[] BODY = "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8);

    private final String invokerJar;
    private final Path logs;

    InvokerColdStart(String invokerJar, Path logs) {
        this.invokerJar = invokerJar;
        this.logs = logs;
    }

    Sample measure(Contender contender) throws IOException, InterruptedException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Launch.java("-cp", invokerJar, MAIN, "--target",
                contender.entryPoint(), "--classpath", String.join(File.pathSeparator, contender.classPath()),
                "--port", Integer.toString(port)));
        builder.environment().put("FUNCTION_SIGNATURE_TYPE", "http");
        builder.environment().put("FUNCTION_TARGET", contender.entryPoint());
        builder.environment().remove("K_SERVICE");
        builder.environment().putAll(contender.environment());
        long start = System.nanoTime();
        Process process = Launch.start(builder, logs.resolve("gcp-" + contender.name() + ".log"));
        try {
            while (true) {
                String answer = post(port);
                if (answer != null) {
                    Sample sample = Sample.of(start, process);
                    if (!answer.startsWith("HTTP/1.1 200") || !answer.contains("Hello, Ada!")) {
                        throw new IllegalStateException(contender.name() + " on the invoker answered " + answer);
                    }
                    return sample;
                }
                if (!process.isAlive() || System.nanoTime() - start > 60_000_000_000L) {
                    throw new IllegalStateException(contender.name() + " did not serve on the invoker (see "
                            + logs + ")");
                }
                Thread.sleep(1);
            }
        } finally {
            Launch.stop(process);
        }
    }

    /** The whole answer, or null while nothing listens. */
    private static String post(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\nContent-Length: " + BODY.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(BODY);
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (java.net.ConnectException e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
