package dev.fnkit.selfhosted.async;

import dev.fnkit.api.HttpResponse;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed call is tried again: exponential backoff with "equal jitter" (half the delay fixed, half random),
 * capped, unless the function said when in {@code Retry-After} (seconds or an HTTP date).
 */
final class Backoff {
    private static final long MAX_RETRY_AFTER_MILLIS = Duration.ofHours(1).toMillis();

    private final long initial;
    private final long cap;

    Backoff(AsyncSettings settings) {
        this(settings.initialDelay().toMillis(), settings.maxDelay().toMillis());
    }

    Backoff(long initialMillis, long capMillis) {
        this.initial = initialMillis;
        this.cap = capMillis;
    }

    /** True for the statuses a call is retried on: 408, 429 and every 5xx. */
    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** The delay before the attempt after {@code attempts} failed ones. */
    long delayMillis(int attempts, HttpResponse response, long now) {
        Optional<Long> asked = response == null ? Optional.empty()
                : response.header("retry-after").flatMap(value -> retryAfter(value, now));
        if (asked.isPresent()) {
            return Math.min(asked.get(), MAX_RETRY_AFTER_MILLIS);
        }
        int shift = Math.min(Math.max(attempts - 1, 0), 30);
        long base = initial > (cap >> shift) ? cap : Math.min(cap, initial << shift);
        long half = base / 2;
        return half + ThreadLocalRandom.current().nextLong(base - half + 1);
    }

    private static Optional<Long> retryAfter(String value, long now) {
        String text = value.strip();
        try {
            return Optional.of(Math.max(0, Long.parseLong(text)) * 1000);
        } catch (NumberFormatException e) {
            try {
                long at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Optional.of(Math.max(0, at - now));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
