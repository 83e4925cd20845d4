package {{package}};

import dev.fnkit.api.Context;
import dev.fnkit.api.Event;
import dev.fnkit.api.EventFunction;
import dev.fnkit.api.ScheduleTick;

/** Runs every night at 02:00 UTC (cron {@code 0 2 * * *}, translated for each provider's scheduler). */
public final class Handler implements EventFunction<ScheduleTick> {
    @Override
    public void handle(Event<ScheduleTick> event, Context context) {
        ScheduleTick tick = event.data();
        context.logger().info("nightly run due at " + (tick == null ? "now" : tick.scheduledTime())
                + (tick != null && tick.pastDue() ? " (late)" : ""));
    }
}
