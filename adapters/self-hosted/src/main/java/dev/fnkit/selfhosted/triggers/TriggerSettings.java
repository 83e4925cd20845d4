package dev.fnkit.selfhosted.triggers;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the runtime drives schedules and storage triggers.
 *
 * @param bucketsDir        the directory holding one directory per storage bucket; null for {@code buckets} in the
 *                          data directory
 * @param scanInterval      how often buckets are scanned and schedules checked, 1 s by default
 * @param missedTickWindow  after downtime, a schedule fires once for its latest missed tick if that is at most this
 *                          old, 1 h by default; older missed ticks are skipped
 * @param clock             the time schedules follow
 */
public record TriggerSettings(Path bucketsDir, Duration scanInterval, Duration missedTickWindow, Clock clock) {
    /** The defaults. */
    public static final TriggerSettings DEFAULTS = new TriggerSettings(null, Duration.ofSeconds(1),
            Duration.ofHours(1), Clock.systemUTC());

    public TriggerSettings {
        Objects.requireNonNull(scanInterval, "scanInterval");
        Objects.requireNonNull(missedTickWindow, "missedTickWindow");
        Objects.requireNonNull(clock, "clock");
        if (scanInterval.isNegative() || scanInterval.isZero()) {
            throw new IllegalArgumentException("scanInterval must be positive");
        }
        if (missedTickWindow.isNegative()) {
            throw new IllegalArgumentException("missedTickWindow must not be negative");
        }
    }

    /** These settings with another buckets directory. */
    public TriggerSettings withBucketsDir(Path dir) {
        return new TriggerSettings(dir, scanInterval, missedTickWindow, clock);
    }

    /** These settings with another scan interval. */
    public TriggerSettings withScanInterval(Duration interval) {
        return new TriggerSettings(bucketsDir, interval, missedTickWindow, clock);
    }

    /** These settings with another clock. */
    public TriggerSettings withClock(Clock other) {
        return new TriggerSettings(bucketsDir, scanInterval, missedTickWindow, other);
    }
}
