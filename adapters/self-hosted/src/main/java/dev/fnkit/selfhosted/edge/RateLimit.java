package dev.fnkit.selfhosted.edge;

import java.util.Locale;

/**
 * A rate: {@code perSecond} requests a second on average, {@code burst} at once.
 *
 * @param perSecond the sustained rate
 * @param burst     the bucket's size
 */
record RateLimit(double perSecond, int burst) {
    RateLimit {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("a rate limit must be positive");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("a burst must be at least 1");
        }
    }

    /**
     * {@code 10} or {@code 10/s} (a second), {@code 600/m} (a minute), {@code 1000/h} (an hour); the burst is the
     * given one, or the rate a second rounded up (at least 1) when it is null or blank.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    static RateLimit parse(String rate, String burst) {
        String v = rate.strip().toLowerCase(Locale.ROOT);
        double divisor = 1;
        int slash = v.indexOf('/');
        if (slash >= 0) {
            divisor = switch (v.substring(slash + 1).strip()) {
                case "s", "sec", "second" -> 1;
                case "m", "min", "minute" -> 60;
                case "h", "hour" -> 3600;
                default -> throw new IllegalArgumentException("a rate limit is like 10/s, 600/m or 1000/h, not '"
                        + rate + "'");
            };
            v = v.substring(0, slash).strip();
        }
        double perSecond;
        try {
            perSecond = Double.parseDouble(v) / divisor;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a rate limit is like 10/s, 600/m or 1000/h, not '" + rate + "'");
        }
        int size;
        if (burst == null || burst.isBlank()) {
            size = (int) Math.max(1, Math.ceil(perSecond));
        } else {
            try {
                size = Integer.parseInt(burst.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a burst is a whole number, not '" + burst + "'");
            }
        }
        return new RateLimit(perSecond, size);
    }

    /** As {@link #parse} takes it. */
    String describe() {
        return (perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond))
                + "/s";
    }
}
