package dev.fnkit.gcp;

import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Headers;
import dev.fnkit.api.ScheduleTick;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Cloud Scheduler runs: a job publishing to the function's Pub/Sub topic (what {@code deploy.sh} sets up), or a job
 * with an HTTP target calling {@link FnkitHttpFunction} with its {@code X-CloudScheduler-*} headers.
 */
final class SchedulerEvents {
    static final String JOB_HEADER = "x-cloudscheduler-jobname";
    static final String SCHEDULE_TIME_HEADER = "x-cloudscheduler-scheduletime";
    static final String SCHEDULER_HEADER = "x-cloudscheduler";
    static final String EXECUTED = "google.cloud.scheduler.job.v1.executed";

    private SchedulerEvents() {
    }

    /** The tick of a scheduled Pub/Sub message: due at its publish time. */
    static ScheduleTick fromPubSub(String schedule, PubSubEvents.Message message, Instant now) {
        return new ScheduleTick(schedule, message.publishTime() == null ? now : message.publishTime(), false);
    }

    /** True for a request Cloud Scheduler sent to an HTTP target. */
    static boolean isSchedulerRequest(Headers headers) {
        return headers.contains(SCHEDULER_HEADER) || headers.contains(JOB_HEADER);
    }

    /**
     * The event of a Cloud Scheduler HTTP request: the tick is named after the job and due at its schedule time.
     *
     * @throws FunctionException 400 {@code malformed-event} when the schedule time is not an RFC 3339 timestamp
     */
    static Event<ScheduleTick> fromHttp(String function, Headers headers, Body body, String requestId, Instant now) {
        String job = headers.first(JOB_HEADER).filter(j -> !j.isBlank()).orElse(function);
        Optional<String> due = headers.first(SCHEDULE_TIME_HEADER).filter(t -> !t.isBlank());
        Instant scheduled;
        try {
            scheduled = due.map(t -> OffsetDateTime.parse(t.trim()).toInstant()).orElse(now);
        } catch (DateTimeParseException e) {
            throw FunctionException.badRequest(EventFields.MALFORMED, "The Cloud Scheduler request " + requestId
                    + " has an X-CloudScheduler-ScheduleTime that is not an RFC 3339 timestamp: '" + due.get() + "'");
        }
        return Event.<ScheduleTick>builder()
                .id(requestId)
                .source("//cloudscheduler.googleapis.com/jobs/" + job)
                .type(EXECUTED)
                .time(OffsetDateTime.ofInstant(scheduled, ZoneOffset.UTC))
                .data(new ScheduleTick(job, scheduled, false))
                .rawData(body)
                .build();
    }
}
