package dev.fnkit.selfhosted;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Steady GET load from threads on keep-alive connections, counting exactly what happened to each request: answered
 * by status, refused (no connection, nothing sent) or left without an answer (sent, then the connection broke).
 * A connection is reused until a response says {@code Connection: close}. The {@code X-Call-Id} of every answer
 * that has one (an accepted asynchronous call) is kept.
 */
final class LoadClient implements AutoCloseable {
    private final int port;
    private final String request;
    private final List<String> callIds = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder noAnswer = new LongAdder();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean running = true;

    LoadClient(int port, String path, int threadCount) {
        this(port, path, "", threadCount);
    }

    /** Sends {@code GET path} with these header lines (each ending with CRLF). */
    LoadClient(int port, String path, String headerLines, int threadCount) {
        this.port = port;
        this.request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headerLines + "\r\n";
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(this::run, "load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** The call ids of the answers that had one. */
    List<String> callIds() {
        return List.copyOf(callIds);
    }

    long sent() {
        return sent.sum();
    }

    long refused() {
        return refused.sum();
    }

    long noAnswer() {
        return noAnswer.sum();
    }

    long connections() {
        return connections.get();
    }

    /** Answers by status. */
    Map<Integer, Long> statuses() {
        Map<Integer, Long> copy = new java.util.TreeMap<>();
        statuses.forEach((status, count) -> copy.put(status, count.sum()));
        return copy;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    @Override
    public String toString() {
        return "sent=" + sent() + " statuses=" + statuses() + " refused=" + refused() + " noAnswer=" + noAnswer()
                + " connections=" + connections();
    }

    private void run() {
        Socket socket = null;
        byte[] request = this.request.getBytes(StandardCharsets.US_ASCII);
        while (running) {
            if (socket == null) {
                try {
                    socket = new Socket();
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                    socket.setSoTimeout(45_000);
                    connections.incrementAndGet();
                } catch (ConnectException e) {
                    refused.increment();
                    socket = null;
                    pause();
                    continue;
                } catch (IOException e) {
                    refused.increment();
                    socket = null;
                    continue;
                }
            }
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
            } catch (IOException e) {
                refused.increment();
                socket = closeQuietly(socket);
                continue;
            }
            sent.increment();
            try {
                boolean close = readResponse(new BufferedInputStream(socket.getInputStream()));
                if (close) {
                    socket = closeQuietly(socket);
                }
            } catch (IOException e) {
                noAnswer.increment();
                socket = closeQuietly(socket);
            }
        }
        closeQuietly(socket);
    }

    /** Reads one response; true when it asks to close the connection. */
    private boolean readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ");
        if (parts.length < 2) {
            throw new IOException("no status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = 0;
        boolean close = false;
        String callId = null;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring("content-length:".length()).strip());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            } else if (lower.startsWith("x-call-id:")) {
                callId = header.substring("x-call-id:".length()).strip();
            }
        }
        for (long left = length; left > 0; left--) {
            if (in.read() < 0) {
                throw new IOException("the body ended early");
            }
        }
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (callId != null) {
            callIds.add(callId);
        }
        return close;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static Socket closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        return null;
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
