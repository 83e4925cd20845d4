package dev.fnkit.core.fuzz;

import dev.fnkit.api.Body;
import dev.fnkit.api.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fuzz input read as a small HTTP-like message, so that seeds stay readable: a first line, header lines
 * {@code name: value} up to an empty line, then the body bytes. Any byte sequence is a message; lines without a
 * header name are dropped, as an HTTP server would refuse them before any decoder saw them. Shared with the adapters'
 * fuzz tests through fnkit-core's test jar.
 */
public record FuzzMessage(String firstLine, Headers headers, Body body) {
    /** Reads a fuzz input; with {@code hasFirstLine}, its first line is a request line. */
    public static FuzzMessage parse(byte[] input, boolean hasFirstLine) {
        int headerEnd = indexOf(input, new byte[] {'\n', '\n'});
        int bodyStart = headerEnd < 0 ? input.length : headerEnd + 2;
        String head = new String(input, 0, headerEnd < 0 ? input.length : headerEnd, StandardCharsets.UTF_8);
        String[] lines = head.split("\n", -1);
        String first = hasFirstLine ? lines[0] : "";
        Headers.Builder headers = Headers.builder();
        for (int i = hasFirstLine ? 1 : 0; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = colon < 0 ? "" : lines[i].substring(0, colon).trim();
            if (!name.isEmpty()) {
                headers.add(name, lines[i].substring(colon + 1).trim());
            }
        }
        return new FuzzMessage(first, headers.build(),
                Body.of(Arrays.copyOfRange(input, bodyStart, input.length)));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
