package dev.fnkit.api;

import java.time.Duration;
import java.util.Objects;

/**
 * A cookie a response sets. Each becomes its own {@code Set-Cookie} header (or a provider's cookie list entry);
 * several are never comma-joined.
 *
 * @param name     the cookie name
 * @param value    the cookie value
 * @param path     {@code Path}, or null
 * @param domain   {@code Domain}, or null
 * @param maxAge   {@code Max-Age}, or null for a session cookie
 * @param secure   {@code Secure}
 * @param httpOnly {@code HttpOnly}
 * @param sameSite {@code SameSite} ({@code Strict}, {@code Lax} or {@code None}), or null
 */
public record SetCookie(String name, String value, String path, String domain, Duration maxAge, boolean secure,
                        boolean httpOnly, String sameSite) {
    public SetCookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty() || !isToken(name)) {
            throw new IllegalArgumentException("invalid cookie name '" + name + "'");
        }
        for (String part : new String[] {value, path, domain, sameSite}) {
            if (part != null && (part.indexOf(';') >= 0 || HttpResponse.Builder.hasControl(part))) {
                throw new IllegalArgumentException("cookie '" + name
                        + "' has an attribute with ';', CR, LF or another control character");
            }
        }
    }

    /** A session cookie with no attributes. */
    public static SetCookie of(String name, String value) {
        return new SetCookie(name, value, null, null, null, false, false, null);
    }

    public SetCookie withPath(String path) {
        return new SetCookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
    }

    public SetCookie withDomain(String domain) {
        return new SetCookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
    }

    public SetCookie withMaxAge(Duration maxAge) {
        return new SetCookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
    }

    public SetCookie withSecure(boolean secure) {
        return new SetCookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
    }

    public SetCookie withHttpOnly(boolean httpOnly) {
        return new SetCookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
    }

    public SetCookie withSameSite(String sameSite) {
        return new SetCookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
    }

    /** The value of a {@code Set-Cookie} header for this cookie. */
    public String headerValue() {
        StringBuilder out = new StringBuilder(name).append('=').append(value);
        if (path != null) {
            out.append("; Path=").append(path);
        }
        if (domain != null) {
            out.append("; Domain=").append(domain);
        }
        if (maxAge != null) {
            out.append("; Max-Age=").append(maxAge.toSeconds());
        }
        if (secure) {
            out.append("; Secure");
        }
        if (httpOnly) {
            out.append("; HttpOnly");
        }
        if (sameSite != null) {
            out.append("; SameSite=").append(sameSite);
        }
        return out.toString();
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 32 || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
