package dev.fnkit.api;

import java.util.Optional;

/**
 * W3C trace context of the current invocation. Providers that use another format (AWS X-Ray, Cloud Trace) are
 * converted to it.
 *
 * @param traceId    32 lower-case hex digits
 * @param parentId   16 lower-case hex digits: the caller's span
 * @param sampled    the sampled flag
 * @param traceState the {@code tracestate} header, or null
 */
public record TraceContext(String traceId, String parentId, boolean sampled, String traceState) {
    private static final String ZERO_TRACE = "00000000000000000000000000000000";
    private static final String ZERO_SPAN = "0000000000000000";

    public TraceContext {
        if (!isHex(traceId, 32) || ZERO_TRACE.equals(traceId)) {
            throw new IllegalArgumentException("trace id must be 32 lower-case hex digits, not all zero: " + traceId);
        }
        if (!isHex(parentId, 16) || ZERO_SPAN.equals(parentId)) {
            throw new IllegalArgumentException("parent id must be 16 lower-case hex digits, not all zero: " + parentId);
        }
    }

    /**
     * Parses a {@code traceparent} header ({@code 00-<trace-id>-<parent-id>-<flags>}); empty when absent or invalid,
     * as the W3C spec asks (an invalid header starts a new trace).
     */
    public static Optional<TraceContext> parse(String traceparent, String tracestate) {
        if (traceparent == null) {
            return Optional.empty();
        }
        String value = traceparent.trim();
        if (value.length() < 55 || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return Optional.empty();
        }
        String version = value.substring(0, 2);
        if (!isHex(version, 2) || "ff".equals(version) || ("00".equals(version) && value.length() != 55)) {
            return Optional.empty();
        }
        String flags = value.substring(53, 55);
        if (!isHex(flags, 2)) {
            return Optional.empty();
        }
        String traceId = value.substring(3, 35);
        String parentId = value.substring(36, 52);
        if (!isHex(traceId, 32) || ZERO_TRACE.equals(traceId) || !isHex(parentId, 16) || ZERO_SPAN.equals(parentId)) {
            return Optional.empty();
        }
        boolean sampled = (Integer.parseInt(flags, 16) & 1) == 1;
        return Optional.of(new TraceContext(traceId, parentId, sampled, tracestate));
    }

    /** This context as a version-00 {@code traceparent} header value. */
    public String traceparent() {
        return "00-" + traceId + "-" + parentId + (sampled ? "-01" : "-00");
    }

    private static boolean isHex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
