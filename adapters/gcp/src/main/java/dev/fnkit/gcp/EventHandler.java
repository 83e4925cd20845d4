package dev.fnkit.gcp;

import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Context;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.FunctionLogger;
import dev.fnkit.core.Errors;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionKind;
import dev.fnkit.core.InvocationContext;
import dev.fnkit.core.Invoker;
import io.cloudevents.CloudEvent;

import java.time.Instant;
import java.util.List;

/**
 * Delivers one CloudEvent to the event function: maps it, invokes the function (a batch function gets a batch of
 * one) and logs a failure once, with the event id. Whether a failure is thrown back to the platform (which answers
 * 500 so Pub/Sub and Eventarc redeliver) is the entry point's choice.
 */
final class EventHandler {
    private final GcpRuntime runtime;
    private final GcpContexts contexts;

    EventHandler(GcpRuntime runtime, GcpContexts contexts) {
        this.runtime = runtime;
        this.contexts = contexts;
    }

    /** Delivers the event; returns null on success, else the failure, already logged. */
    Throwable deliver(CloudEvent cloudEvent) {
        InvocationContext context = contexts.event(cloudEvent);
        try {
            invoke(runtime.function(), GcpEvents.toEvent(runtime.function(), cloudEvent, Instant.now()), context);
            return null;
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            FunctionLogger log = context.logger().with("eventId", cloudEvent.getId());
            if (Errors.retryable(e)) {
                log.error("Event " + cloudEvent.getId() + " failed; the platform will deliver it again", e);
            } else {
                log.error("Event " + cloudEvent.getId() + " was rejected and will not be delivered again: "
                        + e.getMessage());
            }
            return e;
        }
    }

    /** Runs an event function on one event; a batch function gets it as a batch of one. */
    static void invoke(FunctionDefinition function, Event<?> event, Context context) throws Exception {
        if (function.kind() == FunctionKind.BATCH) {
            BatchResult result = Invoker.batch(function, List.of(event), context);
            if (!result.allSucceeded()) {
                throw new FunctionException(500, "event-failed", "The batch function reported event " + event.id()
                        + " as failed");
            }
            return;
        }
        Invoker.event(function, event, context);
    }
}
