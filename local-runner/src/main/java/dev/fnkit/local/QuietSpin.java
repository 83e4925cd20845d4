package dev.fnkit.local;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;

import java.util.function.BooleanSupplier;

/**
 * An event loop's select strategy that, after the loop last found work, keeps polling without blocking for up to
 * {@code spinNanos} before it blocks, as long as {@code quiet} says the server is lightly loaded. At light load
 * every message otherwise wakes a sleeping thread, which costs more than the message's own work on a virtual
 * machine. Under load (when {@code quiet} does not hold) the loop blocks as soon as it runs out of work, leaving
 * the CPUs to the rest of the machine.
 */
final class QuietSpin implements SelectStrategy {
    private final long spinNanos;
    private final BooleanSupplier quiet;
    private long idleSince;

    QuietSpin(long spinNanos, BooleanSupplier quiet) {
        this.spinNanos = spinNanos;
        this.quiet = quiet;
    }

    @Override
    public int calculateStrategy(IntSupplier pollNow, boolean hasTasks) throws Exception {
        if (hasTasks) {
            idleSince = 0;
            return pollNow.get();
        }
        long now = System.nanoTime();
        if (idleSince == 0) {
            idleSince = now;
        }
        if (now - idleSince < spinNanos && quiet.getAsBoolean()) {
            int ready = pollNow.get();
            if (ready > 0) {
                idleSince = 0;
                return ready;
            }
            Thread.onSpinWait();
            return CONTINUE;
        }
        idleSince = 0;
        return SELECT;
    }
}
