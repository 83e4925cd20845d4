package dev.fnkit.aws;

import dev.fnkit.core.Application;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A typed function whose input and output carry {@code java.time} and {@code Optional} values, bytes in, bytes out. */
class TypedTimesTest {
    record Booking(String guest, LocalDate from, Optional<String> note) {
    }

    record Confirmation(String guest, Instant until, Optional<Duration> stay, Optional<String> note) {
    }

    @Test
    void javaTimeAndOptionalTravelThroughATypedFunction() throws Exception {
        FnkitLambda lambda = FnkitLambda.of(Application.of(functions -> functions.typed("book", Booking.class,
                (Booking b, dev.fnkit.api.Context c) -> new Confirmation(b.guest(),
                        b.from().plusDays(2).atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                        Optional.of(Duration.ofDays(2)), b.note()))), "book");
        byte[] out = LambdaTesting.invoke(lambda,
                "{\"guest\":\"Ada\",\"from\":\"2026-05-01\"}".getBytes(StandardCharsets.UTF_8),
                LambdaTesting.context("book"));
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(
                "{\"guest\":\"Ada\",\"until\":\"2026-05-03T00:00:00Z\",\"stay\":172800.000000000,\"note\":null}");
    }
}
