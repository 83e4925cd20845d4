package dev.fnkit.selfhosted.ui;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The web UI at {@code /ui}: a page, a script and a style sheet from the jar's resources, read once, served from
 * memory with a strict Content-Security-Policy (nothing but the gateway itself: no CDN, no inline script). The page
 * is public and holds no data: the script asks for the admin token and sends it as a bearer token on every call to
 * the admin API, which is where the data comes from.
 */
public final class UiAssets {
    /** The UI's path. */
    public static final String PATH = "/ui";

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> files;

    /** Reads the UI's files. */
    public UiAssets() {
        Map<String, byte[]> read = new java.util.HashMap<>();
        for (String name : TYPES.keySet()) {
            try (InputStream in = UiAssets.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("the UI resource " + name + " is missing from the jar");
                }
                read.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        this.files = Map.copyOf(read);
    }

    /** True for the paths the UI serves: {@code /ui} and below. */
    public static boolean handles(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    public HttpResponse serve(HttpRequest request, String requestId) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return Problem.methodNotAllowed(request.method(), request.path(), List.of("GET", "HEAD"));
        }
        String rest = request.path().substring(PATH.length());
        String name = rest.isEmpty() || rest.equals("/") ? "index.html" : rest.substring(1);
        byte[] body = files.get(name);
        if (body == null) {
            return new Problem(404, "not-found", "The UI has no " + request.path(), requestId).toResponse();
        }
        return HttpResponse.status(200)
                .contentType(TYPES.get(name))
                .setHeader("cache-control", "no-cache")
                .setHeader("content-security-policy", CSP)
                .setHeader("x-content-type-options", "nosniff")
                .setHeader("referrer-policy", "no-referrer")
                .setHeader("x-frame-options", "DENY")
                .bytes(body);
    }
}
