package dev.fnkit.api;

import java.time.Instant;

/**
 * A scheduled run: EventBridge Scheduler, Cloud Scheduler, an Azure timer, the local runner's scheduler.
 *
 * @param schedule      the schedule's name (usually the function's name)
 * @param scheduledTime when the run was due
 * @param pastDue       true when the run is late (e.g. Azure's {@code IsPastDue})
 */
public record ScheduleTick(String schedule, Instant scheduledTime, boolean pastDue) {
}
