package dev.fnkit.selfhosted.async;

import dev.fnkit.api.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retry delays: exponential with jitter, capped, or what Retry-After says; and the settings that shape them. */
class BackoffTest {
    private final Backoff backoff = new Backoff(AsyncSettings.DEFAULTS);

    @Test
    void delaysDoubleWithJitterUpToTheCap() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delayMillis(1, null, 0)).isBetween(5_000L, 10_000L);
            assertThat(backoff.delayMillis(2, null, 0)).isBetween(10_000L, 20_000L);
            assertThat(backoff.delayMillis(4, null, 0)).isBetween(40_000L, 80_000L);
            assertThat(backoff.delayMillis(5, null, 0)).isBetween(60_000L, 120_000L);
            assertThat(backoff.delayMillis(60, null, 0)).isBetween(60_000L, 120_000L);
        }
    }

    @Test
    void retryAfterInSecondsOrAsADateWins() {
        HttpResponse seconds = HttpResponse.status(429).header("Retry-After", "3").text("slow down");
        assertThat(backoff.delayMillis(7, seconds, 0)).isEqualTo(3_000);
        long now = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.parse("2026-03-01T10:00:42Z")
                .atZone(ZoneOffset.UTC));
        HttpResponse dated = HttpResponse.status(503).header("Retry-After", date).text("later");
        assertThat(backoff.delayMillis(1, dated, now)).isEqualTo(42_000);
        HttpResponse garbage = HttpResponse.status(503).header("Retry-After", "soon").text("later");
        assertThat(backoff.delayMillis(1, garbage, now)).isBetween(5_000L, 10_000L);
    }

    @Test
    void retryableStatusesAre408And429And5xx() {
        assertThat(Backoff.retryable(408)).isTrue();
        assertThat(Backoff.retryable(429)).isTrue();
        assertThat(Backoff.retryable(500)).isTrue();
        assertThat(Backoff.retryable(503)).isTrue();
        assertThat(Backoff.retryable(400)).isFalse();
        assertThat(Backoff.retryable(404)).isFalse();
        assertThat(Backoff.retryable(200)).isFalse();
    }

    @Test
    void settingsAreReadByNameAndCheckedForSense() {
        AsyncSettings settings = AsyncSettings.DEFAULTS.with(Map.of("maxAttempts", "3", "initialDelay", "50ms",
                "maxDelay", "2s"));
        assertThat(settings.maxAttempts()).isEqualTo(3);
        assertThat(settings.initialDelay().toMillis()).isEqualTo(50);
        assertThat(settings.maxDelay().toMillis()).isEqualTo(2_000);
        assertThatThrownBy(() -> AsyncSettings.DEFAULTS.with(Map.of("retries", "3")))
                .hasMessageContaining("unknown async setting 'retries'");
        assertThatThrownBy(() -> AsyncSettings.DEFAULTS.with(Map.of("maxDelay", "soon")))
                .hasMessageContaining("maxDelay must be a duration");
        assertThatThrownBy(() -> AsyncSettings.DEFAULTS.with(Map.of("maxDelay", "1s")))
                .hasMessageContaining("maxDelay must not be shorter than initialDelay");
        assertThatThrownBy(() -> AsyncSettings.DEFAULTS.with(Map.of("maxAttempts", "0")))
                .hasMessageContaining("maxAttempts must be at least 1");
    }
}
