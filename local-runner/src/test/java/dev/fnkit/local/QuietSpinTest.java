package dev.fnkit.local;

import io.netty.channel.SelectStrategy;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class QuietSpinTest {
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger ready = new AtomicInteger();
    private final AtomicBoolean quiet = new AtomicBoolean(true);

    private int poll() {
        polls.incrementAndGet();
        return ready.get();
    }

    @Test
    void pendingTasksPollWithoutBlocking() throws Exception {
        QuietSpin spin = new QuietSpin(TimeUnit.SECONDS.toNanos(10), quiet::get);
        quiet.set(false);
        ready.set(2);
        assertThat(spin.calculateStrategy(this::poll, true)).isEqualTo(2);
        assertThat(polls).hasValue(1);
    }

    @Test
    void aQuietLoopPollsAgainUntilSomethingIsReady() throws Exception {
        QuietSpin spin = new QuietSpin(TimeUnit.SECONDS.toNanos(10), quiet::get);
        assertThat(spin.calculateStrategy(this::poll, false)).isEqualTo(SelectStrategy.CONTINUE);
        assertThat(spin.calculateStrategy(this::poll, false)).isEqualTo(SelectStrategy.CONTINUE);
        ready.set(1);
        assertThat(spin.calculateStrategy(this::poll, false)).isEqualTo(1);
        assertThat(polls).hasValue(3);
    }

    @Test
    void aBusyServerBlocksAtOnce() throws Exception {
        QuietSpin spin = new QuietSpin(TimeUnit.SECONDS.toNanos(10), quiet::get);
        quiet.set(false);
        assertThat(spin.calculateStrategy(this::poll, false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(polls).hasValue(0);
    }

    @Test
    void theLoopBlocksOnceTheSpinIsSpentAndSpinsAgainAfterItsNextWork() throws Exception {
        long budget = TimeUnit.MILLISECONDS.toNanos(20);
        QuietSpin spin = new QuietSpin(budget, quiet::get);
        long start = System.nanoTime();
        int strategy;
        while ((strategy = spin.calculateStrategy(this::poll, false)) == SelectStrategy.CONTINUE) {
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
        }
        assertThat(strategy).isEqualTo(SelectStrategy.SELECT);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(budget);
        assertThat(spin.calculateStrategy(this::poll, false)).isEqualTo(SelectStrategy.CONTINUE);
    }
}
