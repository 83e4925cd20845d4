package dev.fnkit.local;

import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.Cron;
import dev.fnkit.core.FunctionDefinition;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Fires schedule-triggered functions on their cron, in UTC, by the given clock. {@link #runDue()} fires whatever is
 * due and says when to look again; {@link #start()} runs it on a background thread. A function first fires at the
 * first time its cron matches after the scheduler saw it; after a pause (a sleeping laptop) each function fires once,
 * marked past due, not once per missed time. Functions added, changed or removed by a reload are picked up.
 */
final class Scheduler implements AutoCloseable {
    /** A run this late is marked past due. */
    static final Duration PAST_DUE = Duration.ofMinutes(1);
    /** The longest the background thread waits before looking again (the clock may jump). */
    private static final Duration MAX_WAIT = Duration.ofSeconds(1);

    private final Clock clock;
    private final Supplier<List<FunctionDefinition>> functions;
    private final BiConsumer<FunctionDefinition, ScheduleTick> fire;
    private final PrintStream log;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Object wakeUp = new Object();
    private volatile Thread thread;
    private volatile boolean closed;

    private record Entry(Cron cron, Instant next) {
    }

    /**
     * @param clock     the time source
     * @param functions the functions served now
     * @param fire      runs one function for one tick; it must not block for long
     * @param log       where the background thread reports a failure
     */
    Scheduler(Clock clock, Supplier<List<FunctionDefinition>> functions,
              BiConsumer<FunctionDefinition, ScheduleTick> fire, PrintStream log) {
        this.clock = clock;
        this.functions = functions;
        this.fire = fire;
        this.log = log;
    }

    /**
     * Fires every schedule that is due by the clock, once.
     *
     * @return when the next schedule is due, or null when there is none
     */
    synchronized Instant runDue() {
        Instant now = clock.instant();
        Instant earliest = null;
        Set<String> seen = new HashSet<>();
        for (FunctionDefinition function : functions.get()) {
            if (!(function.trigger() instanceof Trigger.Schedule schedule)) {
                continue;
            }
            seen.add(function.name());
            Cron cron = Cron.parse(schedule.cron());
            Entry entry = entries.get(function.name());
            if (entry == null || !entry.cron.equals(cron)) {
                entry = new Entry(cron, cron.next(now));
            } else if (!entry.next.isAfter(now)) {
                boolean pastDue = now.isAfter(entry.next.plus(PAST_DUE));
                fire.accept(function, new ScheduleTick(function.name(), entry.next, pastDue));
                entry = new Entry(cron, cron.next(now));
            }
            entries.put(function.name(), entry);
            if (earliest == null || entry.next.isBefore(earliest)) {
                earliest = entry.next;
            }
        }
        entries.keySet().retainAll(seen);
        return earliest;
    }

    /** Runs {@link #runDue()} on a background thread until closed. */
    void start() {
        Thread runner = new Thread(this::loop, "fnkit-scheduler");
        runner.setDaemon(true);
        thread = runner;
        runner.start();
    }

    /** Makes the background thread look again now (after a reload). */
    void wakeUp() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void loop() {
        while (!closed) {
            Instant next;
            try {
                next = runDue();
            } catch (RuntimeException e) {
                log.println("fnkit: the scheduler failed: " + e);
                next = null;
            }
            Duration wait = next == null ? MAX_WAIT : Duration.between(clock.instant(), next);
            if (wait.compareTo(MAX_WAIT) > 0) {
                wait = MAX_WAIT;
            }
            if (wait.isNegative() || wait.isZero()) {
                continue;
            }
            synchronized (wakeUp) {
                try {
                    wakeUp.wait(Math.max(1, wait.toMillis()));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread runner = thread;
        if (runner != null) {
            runner.interrupt();
        }
    }
}
