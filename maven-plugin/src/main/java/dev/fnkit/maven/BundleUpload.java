package dev.fnkit.maven;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Uploads a bundle to a self-hosted runtime's admin API: {@code PUT /system/functions} with the zip
 * ({@code application/zip}) to update the application, and {@code POST} when the runtime answers 404 (it does not
 * have the application yet). The answer is 202 with {@code {"app", "revision", "functions"}}; an error is
 * problem+json, whose {@code detail} becomes the message.
 */
final class BundleUpload {
    private final URI functions;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    BundleUpload(String baseUrl, String token) {
        this.functions = URI.create(baseUrl.replaceAll("/+$", "") + "/system/functions");
        this.token = token;
    }

    /** What the runtime deployed. */
    record Deployed(String app, int revision, List<String> functions) {
    }

    /** The runtime refused the bundle or the token; the message says why. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message);
        }
    }

    Deployed upload(Path bundle) throws IOException, Rejected {
        HttpResponse<byte[]> response = send("PUT", bundle);
        if (response.statusCode() == 404) {
            response = send("POST", bundle);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            String detail = body.hasNonNull("detail") ? body.get("detail").asText()
                    : new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            throw new Rejected("the runtime at " + functions.resolve("/") + " answered " + response.statusCode()
                    + (response.statusCode() == 401 ? " (wrong admin token)" : "") + ": " + detail);
        }
        List<String> names = new ArrayList<>();
        body.path("functions").forEach(name -> names.add(name.asText()));
        return new Deployed(body.path("app").asText(), body.path("revision").asInt(), List.copyOf(names));
    }

    private HttpResponse<byte[]> send(String method, Path bundle) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(functions)
                .header("authorization", "Bearer " + token)
                .header("content-type", "application/zip")
                .timeout(Duration.ofMinutes(5))
                .method(method, HttpRequest.BodyPublishers.ofFile(bundle))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.tree(body);
        } catch (RuntimeException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
