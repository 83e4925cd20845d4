package dev.fnkit.selfhosted;

import dev.fnkit.api.HttpResponse;

/**
 * Which instance answered a request and whether that was its first request (a cold start): carried from the pool to
 * the gateway's handler in two gateway-internal response headers, which the handler reads for the access log and
 * usage, and drops before the caller sees the response.
 *
 * @param instance  the instance's id, or null when no instance answered
 * @param coldStart true when the request was the first of a new instance
 */
record ServedBy(String instance, boolean coldStart) {
    static final String INSTANCE = "x-fnkit-served-by";
    static final String COLD_START = "x-fnkit-cold-start";

    /** The response marked as served by this instance. */
    static HttpResponse mark(HttpResponse response, String instance, boolean coldStart) {
        return response.toBuilder().setHeader(INSTANCE, instance).setHeader(COLD_START, Boolean.toString(coldStart))
                .build();
    }

    /** What a response's marks say. */
    static ServedBy of(HttpResponse response) {
        return new ServedBy(response.header(INSTANCE).orElse(null),
                response.header(COLD_START).map("true"::equals).orElse(false));
    }
}
