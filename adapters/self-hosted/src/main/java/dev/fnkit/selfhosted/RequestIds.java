package dev.fnkit.selfhosted;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids for requests that come without one: a random prefix drawn once per gateway and a counter, so that an
 * id costs an increment rather than a {@link SecureRandom} draw, and ids stay unique across gateway restarts.
 */
final class RequestIds {
    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    RequestIds() {
        long random = new SecureRandom().nextLong();
        this.prefix = Long.toHexString(random | Long.MIN_VALUE) + "-";
    }

    String next() {
        return prefix.concat(Long.toHexString(next.incrementAndGet()));
    }
}
