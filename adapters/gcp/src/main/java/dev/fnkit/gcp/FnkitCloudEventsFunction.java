package dev.fnkit.gcp;

import com.google.cloud.functions.CloudEventsFunction;
import dev.fnkit.core.Errors;
import dev.fnkit.core.FunctionDefinition;
import io.cloudevents.CloudEvent;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The Google Cloud Functions entry point for event functions ({@code --entry-point
 * dev.fnkit.gcp.FnkitCloudEventsFunction}): Pub/Sub messages for topic, queue, stream and schedule triggers, Cloud
 * Storage object events, Firestore document events. The Functions Framework converts legacy background-event
 * payloads to CloudEvents before they get here.
 *
 * <p>A failure is logged once with the event id. One that is worth retrying is thrown back, so the framework answers
 * 500 and Pub/Sub or Eventarc delivers the event again; one that is not (a {@link dev.fnkit.api.FunctionException}
 * with a 4xx status, such as a malformed event) is acknowledged, as the portable API promises.
 */
public final class FnkitCloudEventsFunction implements CloudEventsFunction {
    /** This class's name, for deploy commands that must not load it (its interface is provided by the runtime). */
    static final String NAME = "dev.fnkit.gcp.FnkitCloudEventsFunction";

    private final EventHandler handler;

    /**
     * Used by the Functions Framework.
     *
     * @throws IllegalStateException when the application cannot be loaded, the function is missing, ambiguous or
     *                               not an event function, or the application fails to initialize
     */
    public FnkitCloudEventsFunction() {
        this(GcpRuntime.fromEnvironment());
    }

    FnkitCloudEventsFunction(GcpRuntime runtime) {
        this(runtime, System.out);
    }

    FnkitCloudEventsFunction(GcpRuntime runtime, PrintStream logs) {
        FunctionDefinition function = runtime.function();
        if (!function.consumesEvents()) {
            throw new IllegalStateException("Function '" + function.name() + "' is a "
                    + function.kind().name().toLowerCase(Locale.ROOT) + " function, not an event function: deploy it"
                    + " with --entry-point " + FnkitHttpFunction.NAME);
        }
        this.handler = new EventHandler(runtime, new GcpContexts(runtime, logs));
    }

    @Override
    public void accept(CloudEvent event) throws Exception {
        Throwable failure = deliver(event);
        if (failure != null && Errors.retryable(failure)) {
            if (failure instanceof Exception e) {
                throw e;
            }
            throw (Error) failure;
        }
    }

    /** Delivers an event; returns null on success, else the failure (already logged). */
    Throwable deliver(CloudEvent event) {
        return handler.deliver(event);
    }
}
