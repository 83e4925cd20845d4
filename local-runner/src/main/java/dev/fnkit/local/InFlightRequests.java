package dev.fnkit.local;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the requests a server has read and not yet answered (response written and flushed, or the connection gone),
 * so that closing can wait for them, and the open connections. Once draining, responses ask their clients to close
 * the connection.
 */
final class InFlightRequests {
    private final Set<NettyRequestHandler> open = ConcurrentHashMap.newKeySet();
    private volatile int count;
    private volatile boolean draining;

    void opened(NettyRequestHandler connection) {
        open.add(connection);
    }

    void closed(NettyRequestHandler connection) {
        open.remove(connection);
    }

    int connections() {
        return open.size();
    }

    /** Closes the open connections that have had no request in flight for {@code nanos}. */
    void closeIdle(long nanos) {
        open.forEach(connection -> connection.closeIfIdle(nanos));
    }

    /** From now on, responses ask their clients to close the connection. */
    void startDraining() {
        draining = true;
    }

    synchronized void begin() {
        count++;
    }

    synchronized void end() {
        if (--count == 0) {
            notifyAll();
        }
    }

    /** True while at most one request is in flight. */
    boolean quiet() {
        return count <= 1;
    }

    boolean draining() {
        return draining;
    }

    /**
     * Starts draining and waits until no request is in flight or the timeout passes.
     *
     * @return true when every request was answered in time
     */
    synchronized boolean drain(long timeoutMillis) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        long left;
        while (count > 0 && (left = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000L));
        }
        return count == 0;
    }
}
