package dev.fnkit.selfhosted.async;

import dev.fnkit.api.RetryPolicy;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.FunctionKind;

import java.time.Duration;
import java.util.Objects;

/**
 * A function the runtime serves, as asynchronous delivery and triggers see it.
 *
 * @param name    its name
 * @param kind    HTTP, typed, event or batch
 * @param trigger what runs it
 * @param timeout how long one invocation may take
 * @param retry   the declared retry policy, or null for the runtime's
 */
public record DeployedFunction(String name, FunctionKind kind, Trigger trigger, Duration timeout,
                               RetryPolicy retry) {
    public DeployedFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** How many events one delivery carries: the declared batch size of a queue, stream or change trigger, else 1. */
    public int batchSize() {
        if (trigger instanceof Trigger.Queue queue) {
            return queue.batchSize();
        } else if (trigger instanceof Trigger.Stream stream) {
            return stream.batchSize();
        } else if (trigger instanceof Trigger.Change change) {
            return change.batchSize();
        }
        return 1;
    }
}
