package dev.fnkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.FunctionException;
import dev.fnkit.core.Json;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code fnkit invoke <name> [--data JSON | --event FILE] [--url URL] [--json]}: invokes a function of a running
 * runner by name ({@code POST /_fnkit/invoke/<name>}, which works for every kind) and prints the status and the
 * body, or with {@code --json} one JSON object with the status, the headers and the body.
 */
final class InvokeCommand implements CliCommand {
    static final String USAGE = """
            invoke <name> [--data JSON | --event FILE] [--url URL] [--json]
                Invoke a function of a running runner by name, whatever its kind; print the status and the body.
                  --data JSON        the JSON to send (default: an empty body)
                  --event FILE       a file to send: a structured CloudEvent if it has "specversion",
                                     else the event's data
                  --url URL          the runner (default %s)
                  --json             print {"status": ..., "headers": {...}, "body": ...} for scripts; the body
                                     is JSON when the response is, else text ("bodyBase64" when it is binary)
                Example:
                  fnkit invoke greet --data '{"name":"Ada"}'
            """.formatted(RunnerHttp.DEFAULT_URL);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * What to send.
     *
     * @param uri         where
     * @param contentType the body's type
     * @param body        the body
     * @param json        print the answer as JSON
     */
    record Invocation(URI uri, String contentType, byte[] body, boolean json) {
    }

    @Override
    public String name() {
        return "invoke";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    static Invocation parse(List<String> args) throws UsageException {
        CliOptions options = CliOptions.parse("invoke", args, Set.of("--data", "--event", RunnerHttp.URL_OPTION),
                Set.of("--json"));
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
        URI uri = URI.create(RunnerHttp.baseUrl(options) + LocalDispatcher.INVOKE_PATH + name);
        boolean json = options.flag("--json");
        if (options.value("--event").isPresent()) {
            Path file = Path.of(options.value("--event").get());
            byte[] event;
            try {
                event = Files.readAllBytes(file);
            } catch (IOException e) {
                throw options.error("cannot read the event file " + file + ": " + e.getMessage());
            }
            return new Invocation(uri, eventContentType(event), event, json);
        }
        return new Invocation(uri, "application/json",
                options.value("--data").orElse("").getBytes(StandardCharsets.UTF_8), json);
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
    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Invocation invocation = parse(args);
        HttpRequest request = HttpRequest.newBuilder(invocation.uri())
                .header("Content-Type", invocation.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(invocation.body()))
                .build();
        HttpResponse<byte[]> response = RunnerHttp.send("invoke", request, err);
        if (response == null) {
            return 1;
        }
        if (invocation.json()) {
            out.println(json(response));
        } else {
            out.println("HTTP " + response.statusCode() + " "
                    + HttpResponseStatus.valueOf(response.statusCode()).reasonPhrase());
            String body = new String(response.body(), StandardCharsets.UTF_8);
            if (!body.isEmpty()) {
                out.println(body.endsWith("\n") ? body.substring(0, body.length() - 1) : body);
            }
        }
        return response.statusCode() / 100 == 2 ? 0 : 1;
    }

    /** The response as {@code --json} prints it. */
    static ObjectNode json(HttpResponse<byte[]> response) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("status", response.statusCode());
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        json.set("headers", Json.mapper().valueToTree(headers));
        byte[] body = response.body();
        String contentType = response.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (body.length > 0 && contentType.contains("json")) {
            try {
                json.set("body", Json.tree(body));
                return json;
            } catch (FunctionException e) {
                // not JSON after all: text or bytes below
            }
        }
        try {
            json.put("body", StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            json.put("bodyBase64", Base64.getEncoder().encodeToString(body));
        }
        return json;
    }
}
