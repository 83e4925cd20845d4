package dev.fnkit.selfhosted.usage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an access-log line as JSON without a tree or a generator: a few appends to one builder, with the time's
 * text up to the second formatted once per second.
 */
final class AccessLine {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private record Second(long epochSecond, String text) {
    }

    private static volatile Second second = new Second(Long.MIN_VALUE, "");

    private AccessLine() {
    }

    static String format(long epochMillis, String function, String requestId, String method, String path,
                         int status, long nanos, boolean coldStart, String instance, String apiKey) {
        StringBuilder out = new StringBuilder(256 + path.length());
        out.append("{\"log\":\"access\",\"time\":\"");
        time(out, epochMillis);
        out.append("\",\"function\":");
        string(out, function);
        out.append(",\"requestId\":");
        string(out, requestId);
        out.append(",\"method\":");
        string(out, method);
        out.append(",\"path\":");
        string(out, path);
        out.append(",\"status\":").append(status).append(",\"durationMillis\":").append(Math.round(nanos / 1e4) / 100.0)
                .append(",\"coldStart\":").append(coldStart).append(",\"instance\":");
        string(out, instance);
        if (apiKey != null) {
            out.append(",\"apiKey\":");
            string(out, apiKey);
        }
        return out.append('}').toString();
    }

    private static void time(StringBuilder out, long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000);
        Second cached = second;
        if (cached.epochSecond() != epochSecond) {
            cached = new Second(epochSecond, SECONDS.format(Instant.ofEpochSecond(epochSecond)));
            second = cached;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        out.append(cached.text()).append('.').append((char) ('0' + millis / 100))
                .append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10)).append('Z');
    }

    /** A JSON string (or {@code null}), escaped as RFC 8259 requires. */
    static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
