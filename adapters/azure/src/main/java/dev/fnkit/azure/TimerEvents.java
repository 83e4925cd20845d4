package dev.fnkit.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.core.FunctionDefinition;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Azure timer trigger → {@link ScheduleTick}. The trigger data is the {@code TimerInfo} JSON:
 * {@code {"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":...,"Next":...,"LastUpdated":...},
 * "IsPastDue":false}}. While a run executes, {@code ScheduleStatus.Next} is the occurrence being run (the status is
 * updated after the invocation), so it is the tick's scheduled time; without a status (schedule monitoring off) the
 * time is now. {@code IsPastDue} is kept. The event id is the invocation id.
 */
final class TimerEvents {
    static final String TYPE = "com.microsoft.azure.functions.timer";

    private TimerEvents() {
    }

    static Event<ScheduleTick> read(FunctionDefinition function, String timerInfo, String invocationId,
                                    Instant now) {
        JsonNode info = TriggerMetadata.json(timerInfo);
        if (info != null && info.isTextual()) {
            info = TriggerMetadata.json(info.asText());
        }
        JsonNode status = info == null ? null : info.get("ScheduleStatus");
        String next = TriggerMetadata.field(status, "Next");
        Instant scheduled = next == null ? null : TriggerMetadata.parseTime(next);
        JsonNode pastDue = info == null ? null : info.get("IsPastDue");
        ScheduleTick tick = new ScheduleTick(function.name(), scheduled == null ? now : scheduled,
                pastDue != null && pastDue.asBoolean(false));
        return Events.envelope(invocationId, "azure:timer:" + function.name(), TYPE, null, tick.scheduledTime(),
                tick, Body.of(timerInfo == null ? new byte[0] : timerInfo.getBytes(StandardCharsets.UTF_8)), info);
    }

    /** The {@code TimerInfo} JSON of a tick. */
    static String toNative(ScheduleTick tick, Instant previous) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putObject("Schedule").put("AdjustForDST", true);
        ObjectNode status = root.putObject("ScheduleStatus");
        status.put("Last", Events.newtonsoftTime(previous) + "+00:00");
        status.put("Next", Events.newtonsoftTime(tick.scheduledTime()) + "+00:00");
        status.put("LastUpdated", Events.newtonsoftTime(previous) + "+00:00");
        root.put("IsPastDue", tick.pastDue());
        return root.toString();
    }
}
