package dev.fnkit.selfhosted.async;

import dev.fnkit.api.HttpResponse;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Posts a finished call's result to its {@code X-Callback-Url}: the function's body and content type, with
 * {@code X-Call-Id}, {@code X-Function-Status} and {@code X-Duration-Seconds}. One attempt; a failure is logged.
 */
final class Callbacks {
    static final String CALL_ID = "x-call-id";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final PrintStream log;

    Callbacks(PrintStream log) {
        this.log = log;
    }

    /** The callback URL a caller gave, when it is an absolute http or https URL. */
    static Optional<URI> parse(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? Optional.of(uri)
                    : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    void post(Call call, int status, HttpResponse response, double seconds) {
        Optional<URI> url = call.callbackUrl() == null ? Optional.empty() : parse(call.callbackUrl());
        if (url.isEmpty()) {
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url.get()).timeout(Duration.ofSeconds(30))
                .header("X-Call-Id", call.id())
                .header("X-Function-Status", Integer.toString(status))
                .header("X-Duration-Seconds", String.format(Locale.ROOT, "%.6f", seconds))
                .POST(response == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(response.body().bytes()));
        if (response != null) {
            response.header("content-type").ifPresent(type -> request.header("Content-Type", type));
        }
        client.sendAsync(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                .whenComplete((answer, error) -> {
                    if (error != null) {
                        log.println("fnkit: callback of call " + call.id() + " to " + url.get() + " failed: "
                                + error.getMessage());
                    }
                });
    }
}
