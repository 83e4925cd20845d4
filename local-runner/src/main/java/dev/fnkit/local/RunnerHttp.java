package dev.fnkit.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** How the CLI talks to a running local runner: the {@code --url} option and one request. */
final class RunnerHttp {
    static final String DEFAULT_URL = "http://localhost:8080";
    static final String URL_OPTION = "--url";

    private RunnerHttp() {
    }

    /** The runner's base URL from {@code --url}, without a trailing slash. */
    static URI baseUrl(CliOptions options) throws UsageException {
        String url = options.value(URL_OPTION).orElse(DEFAULT_URL).strip();
        URI base;
        try {
            base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw options.error(URL_OPTION + " needs an http:// URL, not '" + url + "'");
        }
        if (base.getHost() == null || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
            throw options.error(URL_OPTION + " needs an http:// URL, not '" + url + "'");
        }
        return base;
    }

    /**
     * Sends a request to the runner.
     *
     * @return the response, or null when the runner cannot be reached (the reason is printed on {@code err})
     */
    static HttpResponse<byte[]> send(String command, HttpRequest request, PrintStream err) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            err.println("fnkit " + command + ": cannot reach the runner at " + request.uri().resolve("/")
                    + " (is `fnkit run` running there?)");
        } catch (IOException e) {
            err.println("fnkit " + command + ": " + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
