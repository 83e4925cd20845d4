package dev.fnkit.selfhosted.edge;

import java.time.Instant;
import java.util.List;

/**
 * An API key as stored: never the key itself, only its SHA-256.
 *
 * @param id        the key's public id (also the start of the key)
 * @param name      what it is for
 * @param sha256    the hex SHA-256 of the key
 * @param functions the functions it may invoke, or {@code *} for every one
 * @param rateLimit its own rate limit across functions, or null
 * @param createdAt when it was created
 */
record ApiKey(String id, String name, String sha256, List<String> functions, RateLimit rateLimit,
              Instant createdAt) {
    ApiKey {
        functions = List.copyOf(functions);
    }

    boolean allows(String function) {
        return functions.contains("*") || functions.contains(function);
    }
}
