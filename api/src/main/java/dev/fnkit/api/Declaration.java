package dev.fnkit.api;

import java.time.Duration;

/**
 * The options every function declaration takes, chained after the declaration.
 *
 * @param <D> the declaration's own type, so chains keep their specific methods
 */
public interface Declaration<D extends Declaration<D>> {
    D timeout(Duration timeout);

    D memoryMb(int memoryMb);

    D minInstances(int minInstances);

    D maxInstances(int maxInstances);

    /** Concurrent invocations one instance serves. */
    D concurrency(int concurrency);

    /** An environment variable the function gets on every target. */
    D env(String name, String value);

    D retry(RetryPolicy retry);
}
