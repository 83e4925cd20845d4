package dev.fnkit.local;

import dev.fnkit.api.Context;
import dev.fnkit.api.EventFunction;
import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.Provider;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.core.Application;
import dev.fnkit.core.FunctionDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulerTest {
    private final List<ScheduleTick> fired = new ArrayList<>();
    private final PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock(String now) {
            this.now = Instant.parse(now);
        }

        void set(String time) {
            now = Instant.parse(time);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void clear() {
        TestApp.clear();
    }

    private static List<FunctionDefinition> schedules(String... namesAndCrons) {
        EventFunction<ScheduleTick> nothing = (event, context) -> { };
        FunctionApp app = functions -> {
            for (int i = 0; i < namesAndCrons.length; i += 2) {
                functions.schedule(namesAndCrons[i], namesAndCrons[i + 1], nothing);
            }
        };
        return Application.of(app).functions();
    }

    @Test
    void firesEachScheduleOnceWhenItsCronIsDueByTheClock() {
        ManualClock clock = new ManualClock("2026-03-01T10:00:30Z");
        Scheduler scheduler = new Scheduler(clock, () -> schedules("every-minute", "* * * * *"),
                (function, tick) -> fired.add(tick), log);

        assertThat(scheduler.runDue()).isEqualTo(Instant.parse("2026-03-01T10:01:00Z"));
        clock.set("2026-03-01T10:00:59.999Z");
        scheduler.runDue();
        assertThat(fired).isEmpty();

        clock.set("2026-03-01T10:01:00Z");
        assertThat(scheduler.runDue()).isEqualTo(Instant.parse("2026-03-01T10:02:00Z"));
        assertThat(scheduler.runDue()).isEqualTo(Instant.parse("2026-03-01T10:02:00Z"));
        assertThat(fired).containsExactly(
                new ScheduleTick("every-minute", Instant.parse("2026-03-01T10:01:00Z"), false));
    }

    @Test
    void afterAPauseAScheduleFiresOnceMarkedPastDue() {
        ManualClock clock = new ManualClock("2026-03-01T10:00:30Z");
        Scheduler scheduler = new Scheduler(clock, () -> schedules("every-minute", "* * * * *"),
                (function, tick) -> fired.add(tick), log);
        scheduler.runDue();

        clock.set("2026-03-01T10:05:30Z");
        assertThat(scheduler.runDue()).isEqualTo(Instant.parse("2026-03-01T10:06:00Z"));
        assertThat(fired).containsExactly(
                new ScheduleTick("every-minute", Instant.parse("2026-03-01T10:01:00Z"), true));
    }

    @Test
    void followsSchedulesThatAreAddedChangedOrRemoved() {
        ManualClock clock = new ManualClock("2026-03-01T10:00:30Z");
        AtomicReference<List<FunctionDefinition>> served = new AtomicReference<>(schedules("a", "* * * * *"));
        List<String> names = new ArrayList<>();
        Scheduler scheduler = new Scheduler(clock, served::get, (function, tick) -> names.add(function.name()), log);
        scheduler.runDue();

        served.set(schedules("a", "0 * * * *", "b", "*/2 * * * *"));
        assertThat(scheduler.runDue()).isEqualTo(Instant.parse("2026-03-01T10:02:00Z"));
        clock.set("2026-03-01T10:02:00Z");
        scheduler.runDue();
        assertThat(names).containsExactly("b");

        served.set(List.of());
        assertThat(scheduler.runDue()).isNull();
    }

    @Test
    void theRunnerFiresSchedulesThroughItsDispatchWithAScheduleTick() throws Exception {
        ManualClock clock = new ManualClock("2026-03-01T10:00:30Z");
        try (LocalServer server = LocalServer.builder().application("test", Application.of(new TestApp()))
                .port(0).schedules(true).scheduleClock(clock).log(log).out(log).start()) {
            server.scheduler().runDue();
            clock.set("2026-03-01T10:01:00Z");
            server.scheduler().runDue();

            ScheduleTick tick = TestApp.TICKS.poll(30, TimeUnit.SECONDS);
            assertThat(tick).isEqualTo(new ScheduleTick("tick", Instant.parse("2026-03-01T10:01:00Z"), false));
            Context context = TestApp.CONTEXTS.poll();
            assertThat(context.functionName()).isEqualTo("tick");
            assertThat(context.provider()).isEqualTo(Provider.LOCAL);
            assertThat(context.requestId()).startsWith("schedule-");
            assertThat(TestApp.TICKS).isEmpty();
        }
    }
}
