package dev.fnkit.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Per-function settings that packaging turns into each provider's configuration and the self-hosted runtime
 * enforces.
 *
 * @param timeout      the longest an invocation may run
 * @param memoryMb     memory for one instance, in MiB
 * @param minInstances instances kept warm (0 allows scale to zero)
 * @param maxInstances the most instances; 0 means the platform's limit
 * @param concurrency  concurrent invocations per instance; 0 means the platform's default
 * @param environment  environment variables the function gets
 * @param retry        the retry policy, or null for the platform's default
 */
public record FunctionOptions(Duration timeout, int memoryMb, int minInstances, int maxInstances, int concurrency,
                              Map<String, String> environment, RetryPolicy retry) {
    /** 30 s timeout, 512 MiB, scale to zero, platform limits and defaults, no environment. */
    public static final FunctionOptions DEFAULTS =
            new FunctionOptions(Duration.ofSeconds(30), 512, 0, 0, 0, Map.of(), null);

    public FunctionOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (memoryMb < 128) {
            throw new IllegalArgumentException("memoryMb must be at least 128 but was " + memoryMb);
        }
        if (minInstances < 0 || maxInstances < 0 || concurrency < 0) {
            throw new IllegalArgumentException("instance counts and concurrency must not be negative");
        }
        if (maxInstances > 0 && minInstances > maxInstances) {
            throw new IllegalArgumentException(
                    "minInstances (" + minInstances + ") is above maxInstances (" + maxInstances + ")");
        }
        environment = Attributes.copy(environment);
    }
}
