package dev.fnkit.aws;

import dev.fnkit.api.TraceContext;

import java.util.Locale;

/**
 * Converts an AWS X-Ray trace header ({@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;
 * Sampled=1}) into a W3C trace context: the trace id is the root's 8 epoch digits followed by its 24 random digits,
 * the parent id is {@code Parent}, sampled is {@code Sampled=1}.
 */
final class XRayTrace {
    /** The system property the Lambda runtime sets to the current invocation's trace header. */
    static final String PROPERTY = "com.amazonaws.xray.traceHeader";
    /** The environment variable carrying the trace header of the current invocation. */
    static final String ENV = "_X_AMZN_TRACE_ID";

    /** Read once: a process's environment does not change, and reading it allocates. */
    private static final String ENV_HEADER = System.getenv(ENV);

    private XRayTrace() {
    }

    /**
     * The current invocation's trace: from the Lambda context, else the system property, else the environment; null
     * when absent.
     */
    static TraceContext current(com.amazonaws.services.lambda.runtime.Context lambda) {
        String header = lambda == null ? null : lambda.getXrayTraceId();
        if (header == null || header.isEmpty()) {
            header = System.getProperty(PROPERTY);
        }
        if (header == null || header.isEmpty()) {
            header = ENV_HEADER;
        }
        return parse(header);
    }

    /** The W3C context of an X-Ray header; null when the header is absent, malformed or has no parent. */
    static TraceContext parse(String header) {
        if (header == null || header.isEmpty()) {
            return null;
        }
        String root = null;
        String parent = null;
        boolean sampled = false;
        int start = 0;
        int length = header.length();
        while (start < length) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = length;
            }
            int eq = header.indexOf('=', start);
            if (eq > start && eq < end) {
                String key = header.substring(start, eq).trim();
                String value = header.substring(eq + 1, end).trim();
                switch (key) {
                    case "Root" -> root = value;
                    case "Parent" -> parent = value;
                    case "Sampled" -> sampled = "1".equals(value);
                    default -> {
                    }
                }
            }
            start = end + 1;
        }
        String traceId = traceId(root);
        if (traceId == null || parent == null) {
            return null;
        }
        try {
            return new TraceContext(traceId, parent.toLowerCase(Locale.ROOT), sampled, null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code 1-5759e988-bd862e3fe1be46a994272793} → {@code 5759e988bd862e3fe1be46a994272793}. */
    private static String traceId(String root) {
        if (root == null || root.length() != 35 || !root.startsWith("1-") || root.charAt(10) != '-') {
            return null;
        }
        return (root.substring(2, 10) + root.substring(11)).toLowerCase(Locale.ROOT);
    }
}
