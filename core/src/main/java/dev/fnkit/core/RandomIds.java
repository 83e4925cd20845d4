package dev.fnkit.core;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs for request ids a platform did not give, drawn from {@link ThreadLocalRandom}: unique enough
 * to tell requests apart in logs, and, unlike {@link UUID#randomUUID()}, without seeding a {@code SecureRandom} (tens
 * of milliseconds and some fifty classes on a cold start). Not for secrets.
 */
public final class RandomIds {
    private RandomIds() {
    }

    /** A random UUID in its usual text form. */
    public static String uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
