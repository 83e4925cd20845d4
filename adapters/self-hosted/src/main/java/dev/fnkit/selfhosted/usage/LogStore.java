package dev.fnkit.selfhosted.usage;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The captured output of instances (the last {@code capacity} lines of each function, with the request id a line
 * carries) and the access log: one JSON line per invocation ({@code function}, {@code status},
 * {@code durationMillis}, {@code coldStart}, {@code instance}, {@code requestId}, ...), kept with the function's
 * lines and printed to the gateway's log by a thread of its own, so that recording never blocks: the thread that
 * answered a request only queues its figures, the printer formats, keeps and prints them every
 * {@link #PRINT_INTERVAL_NANOS}, and every reader first takes in what is queued.
 */
public final class LogStore implements AutoCloseable {
    private static final Pattern REQUEST_ID = Pattern.compile(
            "\"requestId\"\\s*:\\s*\"([^\"]{1,100})\"|requestId=([^\\s,;\\]}\"]{1,100})");
    /** How long an access line may wait to be printed: the printer is never woken per line, which costs a system call. */
    private static final long PRINT_INTERVAL_NANOS = 50_000_000L;
    private static final int MAX_QUEUED = 100_000;

    private final int capacity;
    private final Object lock = new Object();
    private final java.util.Map<String, Deque<LogEntry>> lines = new java.util.HashMap<>();
    private final List<Follower> followers = new CopyOnWriteArrayList<>();
    private final Queue<Access> printing = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Thread printer;
    private final PrintStream accessLog;
    private long seq;
    private volatile boolean closed;

    /** One invocation's figures, waiting to be formatted, kept and printed. */
    private record Access(long epochMillis, String function, String requestId, String method, String path,
                          int status, long nanos, boolean coldStart, String instance, String apiKey) {
        String line() {
            return AccessLine.format(epochMillis, function, requestId, method, path, status, nanos, coldStart,
                    instance, apiKey);
        }
    }

    /** A live reader of new lines. */
    record Follower(String function, Consumer<LogEntry> sink, Runnable end) {
    }

    /**
     * @param capacity  lines kept per function
     * @param accessLog where access-log lines are printed
     */
    public LogStore(int capacity, PrintStream accessLog) {
        this.capacity = capacity;
        this.accessLog = accessLog;
        this.printer = new Thread(this::print, "fnkit-access-log");
        printer.setDaemon(true);
        printer.start();
    }

    /** Prints what was queued every {@link #PRINT_INTERVAL_NANOS}, and once more when the store closes. */
    private void print() {
        boolean last;
        do {
            LockSupport.parkNanos(this, PRINT_INTERVAL_NANOS);
            last = closed;
            printQueued();
        } while (!last);
    }

    private synchronized void printQueued() {
        StringBuilder text = new StringBuilder();
        for (Access access; (access = printing.poll()) != null; ) {
            queued.decrementAndGet();
            String line = access.line();
            add(access.function(), access.instance(), "access", access.requestId(), line,
                    Instant.ofEpochMilli(access.epochMillis()));
            text.append(line).append(System.lineSeparator());
        }
        if (!text.isEmpty()) {
            accessLog.print(text);
            accessLog.flush();
        }
    }

    /** A line an instance printed; its function is the instance id without its {@code -<n>} suffix. */
    public void line(String instance, String stream, String line) {
        Matcher matcher = REQUEST_ID.matcher(line);
        String requestId = matcher.find() ? (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)) : null;
        add(functionOf(instance), instance, stream, requestId, line, Instant.now());
    }

    /**
     * One invocation's access-log line.
     *
     * @param instance  the instance that answered, or null when none did
     * @param apiKey    the verified API key's name, or null
     * @param coldStart true when it waited for an instance to start
     */
    public void access(String function, String requestId, String method, String path, int status, long nanos,
                       boolean coldStart, String instance, String apiKey) {
        Access access = new Access(System.currentTimeMillis(), function, requestId, method, path, status, nanos,
                coldStart, instance, apiKey);
        if (queued.incrementAndGet() <= MAX_QUEUED) {
            printing.offer(access);
            if (closed) {
                printQueued();
            }
        } else {
            queued.decrementAndGet();
        }
    }

    /** The lines kept of a function (null for every function) captured at or after {@code since} (or null). */
    public List<LogEntry> query(String function, Instant since) {
        printQueued();
        return kept(function, since);
    }

    private List<LogEntry> kept(String function, Instant since) {
        synchronized (lock) {
            List<LogEntry> selected = new ArrayList<>();
            for (java.util.Map.Entry<String, Deque<LogEntry>> kept : lines.entrySet()) {
                if (function == null || kept.getKey().equals(function)) {
                    for (LogEntry entry : kept.getValue()) {
                        if (since == null || !entry.time().isBefore(since)) {
                            selected.add(entry);
                        }
                    }
                }
            }
            selected.sort(java.util.Comparator.comparingLong(LogEntry::seq));
            return selected;
        }
    }

    /**
     * Sends the lines kept of a function (null for all) captured at or after {@code since}, then every new one, to
     * the follower's sink until {@link #unfollow}; its {@code end} runs when the store closes.
     */
    void follow(Follower follower, Instant since) {
        printQueued();
        synchronized (lock) {
            if (closed) {
                follower.end().run();
                return;
            }
            kept(follower.function(), since).forEach(follower.sink());
            followers.add(follower);
        }
    }

    void unfollow(Follower follower) {
        followers.remove(follower);
    }

    /**
     * Ends every follower and stops the printing thread once it printed what was queued; access lines recorded
     * afterwards (requests still being answered) are printed at once.
     */
    @Override
    public void close() {
        List<Follower> ending;
        synchronized (lock) {
            closed = true;
            ending = new ArrayList<>(followers);
            followers.clear();
        }
        ending.forEach(f -> f.end().run());
        LockSupport.unpark(printer);
    }

    private void add(String function, String instance, String stream, String requestId, String line, Instant time) {
        LogEntry entry;
        synchronized (lock) {
            entry = new LogEntry(++seq, time, function, instance, stream, requestId, line);
            Deque<LogEntry> kept = lines.computeIfAbsent(function, f -> new ArrayDeque<>());
            kept.addLast(entry);
            if (kept.size() > capacity) {
                kept.removeFirst();
            }
            for (Follower follower : followers) {
                if (follower.function() == null || follower.function().equals(function)) {
                    follower.sink().accept(entry);
                }
            }
        }
    }

    static String functionOf(String instance) {
        if (instance == null) {
            return "";
        }
        int dash = instance.lastIndexOf('-');
        if (dash > 0 && dash < instance.length() - 1
                && instance.substring(dash + 1).chars().allMatch(Character::isDigit)) {
            return instance.substring(0, dash);
        }
        return instance;
    }
}
