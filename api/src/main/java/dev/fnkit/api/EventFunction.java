package dev.fnkit.api;

/**
 * A function that consumes one event. Returning normally acknowledges the event; throwing asks the platform to
 * deliver it again (unless the exception is a {@link FunctionException} that is not {@linkplain
 * FunctionException#retryable() retryable}). When the platform delivers a batch, fnkit calls this once per item and
 * reports only the failed items back.
 *
 * @param <T> the event's data type
 */
@FunctionalInterface
public interface EventFunction<T> {
    void handle(Event<T> event, Context context) throws Exception;
}
