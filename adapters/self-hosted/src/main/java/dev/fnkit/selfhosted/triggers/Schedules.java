package dev.fnkit.selfhosted.triggers;

import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.Cron;
import dev.fnkit.core.Json;
import dev.fnkit.selfhosted.async.AsyncRuntime;
import dev.fnkit.selfhosted.async.DeployedFunction;
import dev.fnkit.selfhosted.async.FunctionRuntime;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fires schedule functions on their cron (UTC). The scheduled time of the last tick fired is kept in the journal,
 * and each tick is journaled under an idempotency key of its own, so a tick fires once even across a crash or
 * restart. A schedule seen for the first time starts from now. Missed-tick policy: after downtime (or a clock jump)
 * the schedule fires once, for its latest missed tick, marked {@code pastDue}, when that tick is within the
 * missed-tick window; the earlier missed ticks are skipped and logged, and when even the latest is older than the
 * window nothing fires until the next tick.
 */
final class Schedules {
    private static final String STATE = "schedule:";

    private final FunctionRuntime functions;
    private final AsyncRuntime async;
    private final TriggerSettings settings;
    private final PrintStream log;
    private final Map<String, Cron> crons = new HashMap<>();

    Schedules(FunctionRuntime functions, AsyncRuntime async, TriggerSettings settings, PrintStream log) {
        this.functions = functions;
        this.async = async;
        this.settings = settings;
        this.log = log;
    }

    void tick() {
        Instant now = settings.clock().instant();
        for (DeployedFunction function : functions.functions()) {
            if (function.trigger() instanceof Trigger.Schedule schedule) {
                Cron cron = crons.computeIfAbsent(schedule.cron(), Cron::parse);
                fire(function, cron, now);
            }
        }
    }

    private void fire(DeployedFunction function, Cron cron, Instant now) {
        String key = STATE + function.name();
        Optional<String> saved = async.journal().state(key).join();
        if (saved.isEmpty()) {
            async.journal().state(key, now.toString()).join();
            return;
        }
        Instant last = Instant.parse(saved.get());
        Instant next = cron.next(last);
        if (next.isAfter(now)) {
            return;
        }
        Instant windowStart = now.minus(settings.missedTickWindow());
        Instant first = next.isBefore(windowStart) ? cron.next(windowStart.minusMillis(1)) : next;
        if (first.isAfter(now)) {
            log.println("fnkit: schedule '" + function.name() + "' missed its ticks from " + next
                    + ", all older than the missed-tick window of " + settings.missedTickWindow() + "; skipped");
            async.journal().state(key, now.toString()).join();
            return;
        }
        Instant latest = first;
        for (Instant after = cron.next(latest); !after.isAfter(now); after = cron.next(after)) {
            latest = after;
        }
        boolean skipped = !latest.equals(next);
        if (skipped) {
            log.println("fnkit: schedule '" + function.name() + "' missed ticks from " + next + "; firing once for "
                    + latest);
        }
        boolean pastDue = skipped || Duration.between(latest, now)
                .compareTo(settings.scanInterval().multipliedBy(2).plusSeconds(1)) > 0;
        byte[] tick = Json.encode(new ScheduleTick(function.name(), latest, pastDue));
        Event<Body> event = Events.event(function.name() + "-" + latest.toEpochMilli(),
                "fnkit:schedule:" + function.name(), "dev.fnkit.schedule.tick", null, "application/json",
                Body.of(tick), now);
        async.publish(List.of(Events.call("schedule", function, event, "schedule:" + latest.toEpochMilli(), null,
                now.toEpochMilli()))).join();
        async.journal().state(key, latest.toString()).join();
    }
}
