package dev.fnkit.aws;

import dev.fnkit.api.Headers;

import java.util.Set;

/**
 * Splits back the header values that HTTP APIs and function URLs (payload 2.0) join with commas, but only for
 * headers whose syntax is a comma-separated list, where RFC 9110 (section 5.3) makes {@code a, b} and two field
 * lines {@code a} and {@code b} mean the same: {@code accept}, {@code accept-charset}, {@code accept-encoding},
 * {@code accept-language}, {@code access-control-request-headers}, {@code cache-control}, {@code connection},
 * {@code content-encoding}, {@code content-language}, {@code expect}, {@code forwarded}, {@code if-match},
 * {@code if-none-match}, {@code pragma}, {@code te}, {@code trailer}, {@code transfer-encoding}, {@code upgrade},
 * {@code via}, {@code x-forwarded-for}. Commas inside quoted strings do not split.
 *
 * <p>Every other header keeps the joined value as the gateway sent it: a comma may belong to one value (dates in
 * {@code if-modified-since}, {@code user-agent}, {@code authorization}, any custom header), so two {@code X-Multi}
 * lines arrive as the single value {@code one,two}. Cookies come separately in the {@code cookies} array.
 */
final class ListHeaders {
    static final Set<String> LIST_VALUED = Set.of("accept", "accept-charset", "accept-encoding", "accept-language",
            "access-control-request-headers", "cache-control", "connection", "content-encoding", "content-language",
            "expect", "forwarded", "if-match", "if-none-match", "pragma", "te", "trailer", "transfer-encoding",
            "upgrade", "via", "x-forwarded-for");

    private ListHeaders() {
    }

    /** Adds a payload 2.0 header: split into its list elements when the header is list-valued, else whole. */
    static void add(Headers.Builder headers, String name, String value) {
        if (value.indexOf(',') < 0 || !LIST_VALUED.contains(lowerCase(name))) {
            headers.add(name, value);
            return;
        }
        boolean quoted = false;
        int start = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == ',' && !quoted) {
                addElement(headers, name, value, start, i);
                start = i + 1;
            }
        }
        addElement(headers, name, value, start, length);
    }

    private static void addElement(Headers.Builder headers, String name, String value, int start, int end) {
        while (start < end && Character.isWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        if (start < end) {
            headers.add(name, value.substring(start, end));
        }
    }

    private static String lowerCase(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return name.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return name;
    }
}
