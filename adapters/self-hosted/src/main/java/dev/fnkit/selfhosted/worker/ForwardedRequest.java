package dev.fnkit.selfhosted.worker;

import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A request as the gateway forwarded it, split into what the function sees (the caller's request: the gateway's
 * headers removed, the caller's {@code Host} and IP restored) and what the gateway said about it.
 *
 * @param request   the caller's request
 * @param requestId the request id
 * @param deadline  when the gateway stops waiting
 * @param probe     true for the gateway's health probe, which no function sees
 */
record ForwardedRequest(HttpRequest request, String requestId, Instant deadline, boolean probe) {
    static ForwardedRequest of(HttpRequest forwarded, Duration defaultTimeout) {
        Headers headers = forwarded.headers();
        boolean probe = headers.contains(InstanceProtocol.PROBE);
        String requestId = headers.first(InstanceProtocol.REQUEST_ID).map(String::strip).filter(s -> !s.isEmpty())
                .orElseGet(() -> UUID.randomUUID().toString());
        Instant deadline = headers.first(InstanceProtocol.DEADLINE).map(ForwardedRequest::epochMillis)
                .orElseGet(() -> Instant.now().plus(defaultTimeout));
        Headers.Builder clean = Headers.builder();
        headers.forEach((name, value) -> {
            if (!name.startsWith(InstanceProtocol.HEADER_PREFIX) && !name.equals("host")) {
                clean.add(name, value);
            }
        });
        headers.first(InstanceProtocol.HOST).ifPresent(host -> clean.set("host", host));
        HttpRequest.Builder request = forwarded.toBuilder().headers(clean.build());
        headers.first(InstanceProtocol.SOURCE_IP).ifPresent(request::sourceIp);
        return new ForwardedRequest(request.build(), requestId, deadline, probe);
    }

    private static Instant epochMillis(String value) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
