package dev.fnkit.core;

import dev.fnkit.api.BatchFunction;
import dev.fnkit.api.EventFunction;
import dev.fnkit.api.FunctionOptions;
import dev.fnkit.api.HttpFunction;
import dev.fnkit.api.Route;
import dev.fnkit.api.Trigger;
import dev.fnkit.api.TypedFunction;

import java.util.List;
import java.util.Objects;

/**
 * One declared function, validated: what adapters dispatch to and packagers read.
 *
 * @param name     the function's name
 * @param kind     HTTP, typed, event or batch
 * @param trigger  what runs it
 * @param dataType the typed function's input type or the event data type; null for HTTP functions
 * @param options  timeout, memory, scaling, environment, retry
 * @param function the function object ({@link HttpFunction}, {@link TypedFunction}, {@link EventFunction} or
 *                 {@link BatchFunction})
 */
public record FunctionDefinition(String name, FunctionKind kind, Trigger trigger, Class<?> dataType,
                                 FunctionOptions options, Object function) {
    public FunctionDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(function, "function");
    }

    /** The routes of an HTTP function; empty for other kinds. */
    public List<Route> routes() {
        return trigger instanceof Trigger.Http http ? http.routes() : List.of();
    }

    /** True for functions that consume events (event and batch kinds). */
    public boolean consumesEvents() {
        return kind == FunctionKind.EVENT || kind == FunctionKind.BATCH;
    }

    /** A short description of the trigger for listings, e.g. {@code queue orders-queue}. */
    public String describeTrigger() {
        if (trigger instanceof Trigger.Http http) {
            StringBuilder out = new StringBuilder("http");
            for (Route route : http.routes()) {
                out.append(' ').append(route.method()).append(' ').append(route.template());
            }
            return out.toString();
        } else if (trigger instanceof Trigger.Invoke) {
            return "invoke";
        } else if (trigger instanceof Trigger.Queue q) {
            return "queue " + q.queue() + (q.batchSize() > 1 ? " (batch " + q.batchSize() + ")" : "");
        } else if (trigger instanceof Trigger.Topic t) {
            return "topic " + t.topic();
        } else if (trigger instanceof Trigger.Storage s) {
            return "storage " + s.bucket() + " " + s.changes();
        } else if (trigger instanceof Trigger.Schedule s) {
            return "schedule \"" + s.cron() + "\"";
        } else if (trigger instanceof Trigger.Stream s) {
            return "stream " + s.stream() + " (batch " + s.batchSize() + ")";
        } else if (trigger instanceof Trigger.Change c) {
            return "change " + c.source() + " (batch " + c.batchSize() + ")";
        }
        throw new IllegalStateException("unknown trigger " + trigger);
    }
}
