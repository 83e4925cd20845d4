package dev.fnkit.compat.aws;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.fnkit.api.Event;
import dev.fnkit.api.ScheduleTick;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A {@link ScheduledEvent} from a portable schedule tick, as EventBridge sends it: detail-type
 * {@code Scheduled Event}, source {@code aws.events}, the tick's time, the rule's ARN (named after the schedule) as
 * the one resource, and an empty detail.
 */
final class ScheduledEvents {
    private ScheduledEvents() {
    }

    static ScheduledEvent toEvent(Event<ScheduleTick> event) {
        ScheduleTick tick = event.data();
        return new ScheduledEvent().withVersion("0").withId(event.id()).withDetailType("Scheduled Event")
                .withSource("aws.events").withAccount(AwsNames.ACCOUNT).withRegion(AwsNames.REGION)
                .withTime(new DateTime(tick.scheduledTime().toEpochMilli(), DateTimeZone.UTC))
                .withResources(new ArrayList<>(List.of(AwsNames.arn("events", tick.schedule(), "rule/"))))
                .withDetail(new LinkedHashMap<>());
    }
}
