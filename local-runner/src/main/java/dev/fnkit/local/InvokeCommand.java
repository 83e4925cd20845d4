package dev.fnkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.FunctionException;
import dev.fnkit.core.Json;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code fnkit invoke <name> [--data JSON | --event FILE] [--url URL]}: invokes a function of a running runner by
 * name ({@code POST /_fnkit/invoke/<name>}, which works for every kind) and prints the status and the body.
 */
final class InvokeCommand {
    static final String DEFAULT_URL = "http://localhost:8080";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private InvokeCommand() {
    }

    /** What to send. */
    record Invocation(URI uri, String contentType, byte[] body) {
    }

    static Invocation parse(List<String> args) throws UsageException {
        CliOptions options = CliOptions.parse("invoke", args, Set.of("--data", "--event", "--url"), Set.of());
        if (options.positional().isEmpty()) {
            throw options.error("name the function to invoke");
        }
        if (options.positional().size() > 1) {
            throw options.error("unexpected argument '" + options.positional().get(1) + "'");
        }
        String name = options.positional().get(0);
        if (!NAME.matcher(name).matches()) {
            throw options.error("'" + name + "' is not a function name");
        }
        if (options.value("--data").isPresent() && options.value("--event").isPresent()) {
            throw options.error("give --data or --event, not both");
        }
        String url = options.value("--url").orElse(DEFAULT_URL).strip();
        URI base;
        try {
            base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw options.error("--url needs an http:// URL, not '" + url + "'");
        }
        if (base.getHost() == null || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
            throw options.error("--url needs an http:// URL, not '" + url + "'");
        }
        URI uri = URI.create(base + LocalDispatcher.INVOKE_PATH + name);
        if (options.value("--event").isPresent()) {
            Path file = Path.of(options.value("--event").get());
            byte[] event;
            try {
                event = Files.readAllBytes(file);
            } catch (IOException e) {
                throw options.error("cannot read the event file " + file + ": " + e.getMessage());
            }
            return new Invocation(uri, eventContentType(event), event);
        }
        return new Invocation(uri, "application/json",
                options.value("--data").orElse("").getBytes(StandardCharsets.UTF_8));
    }

    /** A structured CloudEvent when the file is a JSON object with {@code specversion}, else JSON or bytes. */
    static String eventContentType(byte[] event) {
        JsonNode json;
        try {
            json = Json.tree(event);
        } catch (FunctionException e) {
            return "application/octet-stream";
        }
        return json.isObject() && json.has("specversion") ? "application/cloudevents+json; charset=utf-8"
                : "application/json";
    }

    /** Sends the invocation; 0 for a 2xx answer, 1 otherwise. */
    static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Invocation invocation = parse(args);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(invocation.uri())
                .header("Content-Type", invocation.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(invocation.body()))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            err.println("fnkit invoke: cannot reach the runner at " + invocation.uri().resolve("/")
                    + " (is `fnkit run` running there?)");
            return 1;
        } catch (IOException e) {
            err.println("fnkit invoke: " + invocation.uri() + " failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        out.println("HTTP " + response.statusCode() + " "
                + HttpResponseStatus.valueOf(response.statusCode()).reasonPhrase());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (!body.isEmpty()) {
            out.println(body.endsWith("\n") ? body.substring(0, body.length() - 1) : body);
        }
        return response.statusCode() / 100 == 2 ? 0 : 1;
    }
}
