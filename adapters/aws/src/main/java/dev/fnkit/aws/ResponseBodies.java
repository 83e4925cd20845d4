package dev.fnkit.aws;

import java.util.Locale;

/**
 * Decides how a response body travels in Lambda's JSON: as text when it is valid UTF-8 and its content type is
 * textual (or absent), otherwise base64 with {@code isBase64Encoded: true}. Textual types: {@code text/*},
 * {@code application/json}, {@code application/xml}, {@code application/javascript},
 * {@code application/ecmascript}, {@code application/x-www-form-urlencoded}, {@code application/yaml},
 * {@code application/x-yaml}, {@code application/graphql}, {@code application/x-ndjson} and any {@code +json},
 * {@code +xml} or {@code +yaml} type.
 */
final class ResponseBodies {
    private ResponseBodies() {
    }

    /** True when the body must be base64-encoded. */
    static boolean needsBase64(String contentType, byte[] body) {
        if (body.length == 0) {
            return false;
        }
        if (contentType != null && !isTextual(contentType)) {
            return true;
        }
        return !isUtf8(body);
    }

    static boolean isTextual(String contentType) {
        int end = contentType.indexOf(';');
        String type = (end < 0 ? contentType : contentType.substring(0, end)).trim().toLowerCase(Locale.ROOT);
        if (type.startsWith("text/") || type.endsWith("+json") || type.endsWith("+xml") || type.endsWith("+yaml")) {
            return true;
        }
        return switch (type) {
            case "application/json", "application/xml", "application/javascript", "application/ecmascript",
                 "application/x-www-form-urlencoded", "application/yaml", "application/x-yaml",
                 "application/graphql", "application/x-ndjson" -> true;
            default -> false;
        };
    }

    /** True for well-formed UTF-8: no overlong forms, surrogates or code points above U+10FFFF. */
    static boolean isUtf8(byte[] bytes) {
        int i = 0;
        int length = bytes.length;
        while (i < length) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            int extra;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                extra = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                extra = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                extra = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + extra >= length) {
                return false;
            }
            int cp = b & (0x3F >> extra);
            for (int k = 1; k <= extra; k++) {
                int next = bytes[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return false;
                }
                cp = cp << 6 | next & 0x3F;
            }
            if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
                return false;
            }
            i += extra + 1;
        }
        return true;
    }
}
