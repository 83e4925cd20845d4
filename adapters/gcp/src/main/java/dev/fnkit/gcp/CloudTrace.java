package dev.fnkit.gcp;

import dev.fnkit.api.Headers;
import dev.fnkit.api.TraceContext;

import java.util.List;
import java.util.Locale;

/**
 * The trace an invocation belongs to, from W3C {@code traceparent} or Google's
 * {@code X-Cloud-Trace-Context: TRACE_ID/SPAN_ID;o=OPTIONS} (whose span id is decimal).
 *
 * @param traceId 32 lower-case hex digits
 * @param spanId  the caller's span as 16 lower-case hex digits, or null when not given
 * @param sampled whether the caller sampled the trace
 * @param context the W3C trace context, or null when there is no valid span to make one
 */
record CloudTrace(String traceId, String spanId, boolean sampled, TraceContext context) {
    static final String CLOUD_HEADER = "x-cloud-trace-context";

    /** The trace of a request: {@code traceparent} when valid, else {@code X-Cloud-Trace-Context}; or null. */
    static CloudTrace fromHeaders(Headers headers) {
        CloudTrace w3c = fromTraceparent(first(headers, "traceparent"), first(headers, "tracestate"));
        return w3c != null ? w3c : fromCloudTraceContext(first(headers, CLOUD_HEADER));
    }

    private static String first(Headers headers, String name) {
        List<String> values = headers.all(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The trace of a {@code traceparent} value, or null when it is absent or invalid. */
    static CloudTrace fromTraceparent(String traceparent, String tracestate) {
        if (traceparent == null) {
            return null;
        }
        TraceContext t = TraceContext.parse(traceparent, tracestate).orElse(null);
        return t == null ? null : new CloudTrace(t.traceId(), t.parentId(), t.sampled(), t);
    }

    /**
     * The trace of an {@code X-Cloud-Trace-Context} value such as {@code 105445aa7843bc8bf206b12000100000/1;o=1},
     * or null when the trace id is not 32 hex digits. A missing, zero or malformed span id leaves the trace
     * without a W3C context.
     */
    static CloudTrace fromCloudTraceContext(String value) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        int slash = text.indexOf('/');
        int semicolon = text.indexOf(';');
        int traceEnd = slash >= 0 ? slash : semicolon >= 0 ? semicolon : text.length();
        String traceId = text.substring(0, traceEnd).toLowerCase(Locale.ROOT);
        if (!isHex(traceId, 32) || traceId.equals("00000000000000000000000000000000")) {
            return null;
        }
        String spanId = null;
        if (slash >= 0) {
            String decimal = text.substring(slash + 1, semicolon > slash ? semicolon : text.length()).trim();
            spanId = spanHex(decimal);
        }
        boolean sampled = semicolon >= 0 && text.substring(semicolon + 1).trim().equals("o=1");
        TraceContext context = spanId == null ? null : new TraceContext(traceId, spanId, sampled, null);
        return new CloudTrace(traceId, spanId, sampled, context);
    }

    /** The {@code logging.googleapis.com/trace} value: {@code projects/P/traces/T}, or null without a project. */
    String resourceName(String project) {
        return project == null ? null : "projects/" + project + "/traces/" + traceId;
    }

    private static String spanHex(String decimal) {
        if (decimal.isEmpty() || decimal.length() > 20) {
            return null;
        }
        for (int i = 0; i < decimal.length(); i++) {
            if (!Character.isDigit(decimal.charAt(i))) {
                return null;
            }
        }
        long span;
        try {
            span = Long.parseUnsignedLong(decimal);
        } catch (NumberFormatException e) {
            return null;
        }
        if (span == 0) {
            return null;
        }
        String hex = Long.toHexString(span);
        return "0000000000000000".substring(hex.length()) + hex;
    }

    private static boolean isHex(String s, int length) {
        if (s.length() != length) {
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
