package dev.fnkit.aws;

import dev.fnkit.core.RouteTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request paths as gateways deliver them, made into what a portable function sees: the path relative to the API
 * (without a stage or custom-domain base path) and percent-encoded.
 *
 * <p>Which gateway sends what: REST APIs send {@code path} still percent-encoded, without the stage on the default
 * endpoint but with the base path mapping on a custom domain, so the relative path is the longest segment suffix
 * that the matched resource template accepts; HTTP APIs send {@code rawPath} percent-decoded and prefixed with the
 * stage unless it is {@code $default} (never with a custom domain's mapping), so a leading stage segment is removed;
 * function URLs and ALBs send the path as the client sent it. Characters that cannot appear in an encoded path are
 * percent-encoded (a path that is already encoded is left exactly as is; what a decoding gateway lost, such as a
 * {@code %2F} inside a segment, cannot be recovered).
 */
final class ApiPaths {
    private static final int MAX_CACHED = 512;
    private static final Map<String, RouteTemplate> TEMPLATES = new ConcurrentHashMap<>();
    private static final RouteTemplate UNUSABLE = RouteTemplate.parse("/");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ApiPaths() {
    }

    /**
     * A REST API path relative to the API: the longest segment suffix the resource template accepts, else the path.
     *
     * @param path     the path the gateway sent, encoded
     * @param template the matched resource ({@code /orders/{id}}, {@code /{proxy+}}), or null
     */
    static String relative(String path, String template) {
        RouteTemplate route = template == null ? null : template(template);
        if (route == null || route.match(path) != null) {
            return path;
        }
        for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            String suffix = path.substring(slash);
            if (route.match(suffix) != null) {
                return suffix;
            }
        }
        return path;
    }

    /** An HTTP API path without its leading stage segment (none for the {@code $default} stage). */
    static String withoutStage(String path, String stage) {
        if (stage == null || stage.isEmpty() || "$default".equals(stage) || path.length() < stage.length() + 1
                || path.charAt(0) != '/' || !path.startsWith(stage, 1)) {
            return path;
        }
        int end = 1 + stage.length();
        if (end == path.length()) {
            return "/";
        }
        return path.charAt(end) == '/' ? path.substring(end) : path;
    }

    /** Percent-encodes what cannot appear literally in an encoded path; an encoded path comes back unchanged. */
    static String encode(String path) {
        int length = path.length();
        int i = 0;
        while (i < length && isPathChar(path, i)) {
            i++;
        }
        if (i == length) {
            return path;
        }
        StringBuilder out = new StringBuilder(length + 16).append(path, 0, i);
        while (i < length) {
            char c = path.charAt(i);
            if (isPathChar(path, i)) {
                out.append(c);
                i++;
                continue;
            }
            int end = i + (Character.isHighSurrogate(c) && i + 1 < length ? 2 : 1);
            for (byte b : path.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end;
        }
        return out.toString();
    }

    private static boolean isPathChar(String path, int i) {
        char c = path.charAt(i);
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        if (c == '%') {
            return i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2));
        }
        return "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static RouteTemplate template(String gatewayTemplate) {
        RouteTemplate cached = TEMPLATES.get(gatewayTemplate);
        if (cached == null) {
            cached = parse(gatewayTemplate);
            if (TEMPLATES.size() < MAX_CACHED) {
                TEMPLATES.put(gatewayTemplate, cached);
            }
        }
        return cached == UNUSABLE ? null : cached;
    }

    /** API Gateway's {@code {name+}} greedy variables are fnkit's {@code {+name}}. */
    private static RouteTemplate parse(String gatewayTemplate) {
        StringBuilder fnkit = new StringBuilder(gatewayTemplate.length());
        int i = 0;
        while (i < gatewayTemplate.length()) {
            int open = gatewayTemplate.indexOf('{', i);
            int close = open < 0 ? -1 : gatewayTemplate.indexOf('}', open);
            if (open < 0 || close < 0) {
                fnkit.append(gatewayTemplate, i, gatewayTemplate.length());
                break;
            }
            fnkit.append(gatewayTemplate, i, open);
            String name = gatewayTemplate.substring(open + 1, close);
            fnkit.append(name.endsWith("+") ? "{+" + name.substring(0, name.length() - 1) + "}" : "{" + name + "}");
            i = close + 1;
        }
        try {
            return RouteTemplate.parse(fnkit.toString());
        } catch (IllegalArgumentException e) {
            return UNUSABLE;
        }
    }
}
