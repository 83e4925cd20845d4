package dev.fnkit.selfhosted.async;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One journaled invocation: the HTTP request to send to an instance of a function, and how far its delivery got.
 *
 * @param id             the call id, sent to the function and the callback as {@code X-Call-Id}
 * @param kind           what produced it: {@code async}, {@code queue}, {@code topic}, {@code stream},
 *                       {@code change}, {@code storage} or {@code schedule}
 * @param function       the function to deliver to
 * @param method         the request method
 * @param path           the path the instance sees
 * @param headers        the request headers, lower-case names
 * @param body           the request body
 * @param idempotencyKey de-duplicates submissions to the same function; null for none
 * @param callbackUrl    where the result is posted; null for none
 * @param partitionKey   calls of one function sharing it are delivered one at a time, in order; null for none
 * @param attempts       deliveries tried so far
 * @param createdAt      when it was accepted, epoch milliseconds
 */
public record Call(String id, String kind, String function, String method, String path,
                   Map<String, List<String>> headers, byte[] body, String idempotencyKey, String callbackUrl,
                   String partitionKey, int attempts, long createdAt) {
    public Call {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }
}
