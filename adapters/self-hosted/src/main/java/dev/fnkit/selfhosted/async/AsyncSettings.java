package dev.fnkit.selfhosted.async;

import dev.fnkit.selfhosted.Autoscaling;

import java.time.Duration;
import java.util.Map;

/**
 * How asynchronous calls are delivered: a call is tried up to {@code maxAttempts} times, waiting between attempts
 * an exponentially growing delay from {@code initialDelay} up to {@code maxDelay} with jitter (or what the function's
 * {@code Retry-After} says), then dead-lettered.
 *
 * @param maxAttempts  delivery attempts before a call is dead-lettered, 10 by default
 * @param initialDelay the delay after the first failed attempt, 10 s by default
 * @param maxDelay     the longest delay, 120 s by default
 * @param pollInterval how often the journal is checked for due calls when nothing wakes the dispatcher, 500 ms
 * @param maxInFlight  calls being delivered at once, 256 by default
 */
public record AsyncSettings(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration pollInterval,
                            int maxInFlight) {
    /** The defaults. */
    public static final AsyncSettings DEFAULTS = new AsyncSettings(10, Duration.ofSeconds(10),
            Duration.ofSeconds(120), Duration.ofMillis(500), 256);

    public AsyncSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1 but was " + maxInFlight);
        }
        positive(initialDelay, "initialDelay");
        positive(maxDelay, "maxDelay");
        positive(pollInterval, "pollInterval");
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must not be shorter than initialDelay");
        }
    }

    /**
     * These settings with some replaced by name ({@code maxAttempts}, {@code initialDelay}, {@code maxDelay},
     * {@code pollInterval}, {@code maxInFlight}); durations as {@link Autoscaling#duration} reads them.
     *
     * @throws IllegalArgumentException naming an unknown setting or a bad value
     */
    public AsyncSettings with(Map<String, String> settings) {
        int attempts = maxAttempts;
        Duration initial = initialDelay;
        Duration max = maxDelay;
        Duration poll = pollInterval;
        int inFlight = maxInFlight;
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String value = setting.getValue().strip();
            switch (setting.getKey()) {
                case "maxAttempts" -> attempts = integer(setting.getKey(), value);
                case "initialDelay" -> initial = duration(setting.getKey(), value);
                case "maxDelay" -> max = duration(setting.getKey(), value);
                case "pollInterval" -> poll = duration(setting.getKey(), value);
                case "maxInFlight" -> inFlight = integer(setting.getKey(), value);
                default -> throw new IllegalArgumentException("unknown async setting '" + setting.getKey()
                        + "'; the settings are maxAttempts, initialDelay, maxDelay, pollInterval, maxInFlight");
            }
        }
        return new AsyncSettings(attempts, initial, max, poll, inFlight);
    }

    private static Duration duration(String name, String value) {
        try {
            return Autoscaling.duration(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 250ms, 10s, 2m or 1h, not '"
                    + value + "'");
        }
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static void positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
