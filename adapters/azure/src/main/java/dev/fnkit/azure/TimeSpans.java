package dev.fnkit.azure;

import java.time.Duration;
import java.util.Locale;

/** Durations as .NET {@code TimeSpan} strings, the format of {@code functionTimeout} and retry intervals. */
final class TimeSpans {
    private TimeSpans() {
    }

    /** {@code [d.]HH:mm:ss[.fff]}: {@code 00:00:10}, {@code 01:30:00}, {@code 2.00:00:00}, {@code 00:00:00.250}. */
    static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a TimeSpan here must not be negative: " + duration);
        }
        StringBuilder out = new StringBuilder(16);
        if (duration.toDays() > 0) {
            out.append(duration.toDays()).append('.');
        }
        out.append(String.format(Locale.ROOT, "%02d:%02d:%02d", duration.toHoursPart(), duration.toMinutesPart(),
                duration.toSecondsPart()));
        if (duration.toMillisPart() > 0) {
            out.append(String.format(Locale.ROOT, ".%03d", duration.toMillisPart()));
        }
        return out.toString();
    }

    /** Like {@link #format}, rounded up to whole seconds. */
    static String formatSeconds(Duration duration) {
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return format(Duration.ofSeconds(seconds));
    }
}
