package dev.fnkit.selfhosted;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Autoscaler settings, after Knative's KPA: each function aims at {@code concurrency × targetUtilization} requests
 * in flight per instance (concurrency 100 when the function declares none), averaged over the stable window, or over
 * the panic window (a percentage of it) while panicking; it panics when the panic window asks for
 * {@code panicThreshold} times the ready instances, and then never scales down until a stable window passes below
 * the threshold. Each evaluation ({@code tick}) may scale up to {@code maxScaleUpRate} times and down to
 * {@code 1 / maxScaleDownRate} of the ready instances. The last instance stays {@code scaleToZeroGrace} after the
 * autoscaler first wants none. {@code initialScale} instances start on deploy and stay for one stable window, as do instances
 * set by hand.
 *
 * @param targetUtilization     the share of the concurrency limit to aim at, 0 to 1
 * @param stableWindow          the window of the stable average
 * @param panicWindowPercentage the panic window as a percentage of the stable window
 * @param panicThreshold        the panic trigger, as a multiple of the ready instances
 * @param maxScaleUpRate        the most one evaluation multiplies the ready instances by
 * @param maxScaleDownRate      the most one evaluation divides the ready instances by
 * @param scaleToZeroGrace      how long the last instance stays once none is wanted
 * @param tick                  how often the autoscaler evaluates
 * @param initialScale          instances started on deploy
 */
public record Autoscaling(double targetUtilization, Duration stableWindow, double panicWindowPercentage,
                          double panicThreshold, double maxScaleUpRate, double maxScaleDownRate,
                          Duration scaleToZeroGrace, Duration tick, int initialScale) {
    /**
     * Knative's defaults: 70 %, 60 s, 10 %, 2.0, 1000, 2, 30 s, 2 s; initial scale 0 (Knative starts one instance,
     * but on one machine with many functions, starting a JVM for each on deploy costs more than a first cold start).
     */
    public static final Autoscaling DEFAULTS = new Autoscaling(0.7, Duration.ofSeconds(60), 10.0, 2.0, 1000.0, 2.0,
            Duration.ofSeconds(30), Duration.ofSeconds(2), 0);

    public Autoscaling {
        Objects.requireNonNull(stableWindow, "stableWindow");
        Objects.requireNonNull(scaleToZeroGrace, "scaleToZeroGrace");
        Objects.requireNonNull(tick, "tick");
        if (!(targetUtilization > 0 && targetUtilization <= 1)) {
            throw new IllegalArgumentException("targetUtilization must be above 0 and at most 1");
        }
        if (stableWindow.isNegative() || stableWindow.isZero() || tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("stableWindow and tick must be positive");
        }
        if (!(panicWindowPercentage > 0 && panicWindowPercentage <= 100)) {
            throw new IllegalArgumentException("panicWindowPercentage must be above 0 and at most 100");
        }
        if (!(panicThreshold > 1) || !(maxScaleUpRate > 1) || !(maxScaleDownRate > 1)) {
            throw new IllegalArgumentException("panicThreshold, maxScaleUpRate and maxScaleDownRate must be above 1");
        }
        if (scaleToZeroGrace.isNegative() || initialScale < 0) {
            throw new IllegalArgumentException("scaleToZeroGrace and initialScale must not be negative");
        }
    }

    /** The panic window: {@code panicWindowPercentage} of the stable window. */
    public Duration panicWindow() {
        return Duration.ofMillis(Math.max(1, Math.round(stableWindow.toMillis() * panicWindowPercentage / 100)));
    }

    public Autoscaling withStableWindow(Duration window) {
        return new Autoscaling(targetUtilization, window, panicWindowPercentage, panicThreshold, maxScaleUpRate,
                maxScaleDownRate, scaleToZeroGrace, tick, initialScale);
    }

    public Autoscaling withScaleToZeroGrace(Duration grace) {
        return new Autoscaling(targetUtilization, stableWindow, panicWindowPercentage, panicThreshold, maxScaleUpRate,
                maxScaleDownRate, grace, tick, initialScale);
    }

    public Autoscaling withTick(Duration tick) {
        return new Autoscaling(targetUtilization, stableWindow, panicWindowPercentage, panicThreshold, maxScaleUpRate,
                maxScaleDownRate, scaleToZeroGrace, tick, initialScale);
    }

    public Autoscaling withInitialScale(int initialScale) {
        return new Autoscaling(targetUtilization, stableWindow, panicWindowPercentage, panicThreshold, maxScaleUpRate,
                maxScaleDownRate, scaleToZeroGrace, tick, initialScale);
    }

    /**
     * These settings with some replaced, by name ({@code targetUtilization}, {@code stableWindow},
     * {@code panicWindowPercentage}, {@code panicThreshold}, {@code maxScaleUpRate}, {@code maxScaleDownRate},
     * {@code scaleToZeroGrace}, {@code tick}, {@code initialScale}); durations as {@code 500ms}, {@code 10s},
     * {@code 2m} or ISO-8601.
     *
     * @throws IllegalArgumentException naming an unknown setting or a bad value
     */
    public Autoscaling with(Map<String, String> settings) {
        double utilization = targetUtilization;
        Duration stable = stableWindow;
        double panicPercent = panicWindowPercentage;
        double threshold = panicThreshold;
        double up = maxScaleUpRate;
        double down = maxScaleDownRate;
        Duration grace = scaleToZeroGrace;
        Duration every = tick;
        int initial = initialScale;
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String value = setting.getValue().strip();
            try {
                switch (setting.getKey()) {
                    case "targetUtilization" -> utilization = Double.parseDouble(value);
                    case "stableWindow" -> stable = duration(value);
                    case "panicWindowPercentage" -> panicPercent = Double.parseDouble(value);
                    case "panicThreshold" -> threshold = Double.parseDouble(value);
                    case "maxScaleUpRate" -> up = Double.parseDouble(value);
                    case "maxScaleDownRate" -> down = Double.parseDouble(value);
                    case "scaleToZeroGrace" -> grace = duration(value);
                    case "tick" -> every = duration(value);
                    case "initialScale" -> initial = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown autoscaling setting '" + setting.getKey()
                            + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("autoscaling setting " + setting.getKey() + " has the invalid value '"
                        + value + "'");
            }
        }
        return new Autoscaling(utilization, stable, panicPercent, threshold, up, down, grace, every, initial);
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT10S}). */
    public static Duration duration(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new NumberFormatException(value);
            };
        } catch (RuntimeException e) {
            throw new NumberFormatException(value);
        }
    }
}
