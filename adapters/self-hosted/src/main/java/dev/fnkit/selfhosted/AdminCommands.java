package dev.fnkit.selfhosted;

import dev.fnkit.local.CliOptions;
import dev.fnkit.local.UsageException;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;

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
import java.util.Locale;
import java.util.Set;

/**
 * The CLI commands that talk to a running gateway's admin API: {@code functions}, {@code scale} and
 * {@code deploy}. The gateway is {@code --url}, else env {@code FNKIT_URL} (as for {@code mvn fnkit:deploy}), else
 * http://localhost:8080. The token is {@code --token}, else env {@code FNKIT_ADMIN_TOKEN}, else the data directory's
 * {@code admin-token} file.
 */
final class AdminCommands {
    private static final String OPTIONS_USAGE = """
                  --url URL          the gateway (default $FNKIT_URL, else http://localhost:8080)
                  --token T          the admin token (default $FNKIT_ADMIN_TOKEN, else DIR/admin-token)
                  --data-dir DIR     where the admin token file is (default $FNKIT_DATA_DIR or ~/.fnkit)
            """;
    static final String FUNCTIONS_USAGE = """
            functions [--url URL] [--token T] [--data-dir DIR] [--json]
                List the gateway's functions with their instances (ready/wanted), buffered requests and state.
            """ + OPTIONS_USAGE + """
                  --json             print the admin API's JSON array (GET /system/functions) for scripts
                Example:
                  fnkit functions --url http://localhost:8080 --json
            """;
    static final String SCALE_USAGE = """
            scale <function> <instances> [--url URL] [--token T] [--data-dir DIR]
                Set a function's instances now, kept for one stable window; then the autoscaler decides.
            """ + OPTIONS_USAGE + """
                Example:
                  fnkit scale hello 3
            """;
    static final String DEPLOY_USAGE = """
            deploy <bundle.zip> [--url URL] [--token T] [--data-dir DIR]
                Deploy (or update) an application bundle (target/fnkit/self-hosted/<app>.zip).
            """ + OPTIONS_USAGE + """
                Example:
                  fnkit deploy target/fnkit/self-hosted/shop.zip
            """;

    private static final Set<String> OPTIONS = Set.of("--url", "--token", "--data-dir");
    private static final String URL_ENV = "FNKIT_URL";

    private AdminCommands() {
    }

    static int functions(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CliOptions line = CliOptions.parse("functions", args, OPTIONS, Set.of("--json"));
        HttpResponse<String> response = send(line, HttpRequest.newBuilder(uri(line, "/system/functions")).GET(), err);
        if (response == null) {
            return 1;
        }
        if (response.statusCode() != 200) {
            return failed(response, err);
        }
        JsonNode list = Json.tree(response.body().getBytes(StandardCharsets.UTF_8));
        if (line.flag("--json")) {
            try {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(list));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return 0;
        }
        String format = "%-24s %-11s %-9s %-8s %-11s %s%n";
        out.printf(format, "NAME", "KIND", "READY", "BUFFER", "INVOKED", "STATE");
        for (JsonNode function : list) {
            JsonNode fnkit = function.path("fnkit");
            String state = fnkit.path("panic").asBoolean() ? "panic"
                    : fnkit.path("starting").asInt() > 0 ? "starting"
                    : function.path("availableReplicas").asInt() > 0 ? "ready" : "scaled to zero";
            out.printf(format, function.path("name").asText(), fnkit.path("kind").asText(),
                    function.path("availableReplicas").asInt() + "/" + function.path("replicas").asInt(),
                    fnkit.path("buffered").asInt(), function.path("invocationCount").asLong(), state);
        }
        return 0;
    }

    static int scale(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CliOptions line = CliOptions.parse("scale", args, OPTIONS, Set.of());
        if (line.positional().size() != 2) {
            throw line.error("name the function and the instances wanted: fnkit scale <function> <instances>");
        }
        String function = line.positional().get(0);
        int replicas;
        try {
            replicas = Integer.parseInt(line.positional().get(1));
        } catch (NumberFormatException e) {
            throw line.error("the instances wanted must be a number, not '" + line.positional().get(1) + "'");
        }
        String body = "{\"serviceName\":\"" + function + "\",\"replicas\":" + replicas + "}";
        HttpResponse<String> response = send(line, HttpRequest.newBuilder(uri(line, "/system/scale-function/"
                + function)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), err);
        if (response == null) {
            return 1;
        }
        if (response.statusCode() / 100 != 2) {
            return failed(response, err);
        }
        out.println("fnkit: " + function + " scaled to " + replicas + " instances");
        return 0;
    }

    static int deploy(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CliOptions line = CliOptions.parse("deploy", args, OPTIONS, Set.of());
        if (line.positional().size() != 1) {
            throw line.error("name one bundle: fnkit deploy <app>.zip");
        }
        Path bundle = Path.of(line.positional().get(0));
        if (!Files.isRegularFile(bundle)) {
            err.println("fnkit deploy: " + bundle + " is not a file");
            return 1;
        }
        HttpResponse<String> response;
        long started = System.nanoTime();
        try {
            err.printf(Locale.ROOT, "fnkit deploy: uploading %s (%,d KiB) to %s%n", bundle.getFileName(),
                    (Files.size(bundle) + 1023) / 1024, uri(line, ""));
            response = send(line, HttpRequest.newBuilder(uri(line, "/system/functions"))
                    .header("content-type", "application/zip").PUT(HttpRequest.BodyPublishers.ofFile(bundle)), err);
            if (response != null && response.statusCode() == 404) {
                response = send(line, HttpRequest.newBuilder(uri(line, "/system/functions"))
                        .header("content-type", "application/zip")
                        .POST(HttpRequest.BodyPublishers.ofFile(bundle)), err);
            }
        } catch (IOException e) {
            err.println("fnkit deploy: cannot read " + bundle + ": " + e.getMessage());
            return 1;
        }
        if (response == null) {
            return 1;
        }
        if (response.statusCode() / 100 != 2) {
            return failed(response, err);
        }
        JsonNode result = Json.tree(response.body().getBytes(StandardCharsets.UTF_8));
        out.println("fnkit: deployed " + result.path("app").asText() + " revision " + result.path("revision").asInt()
                + ": " + result.path("functions")
                + String.format(Locale.ROOT, " in %.1f s", (System.nanoTime() - started) / 1e9));
        return 0;
    }

    private static URI uri(CliOptions line, String path) throws UsageException {
        String env = System.getenv(URL_ENV);
        String base = line.value("--url").orElse(env != null && !env.isBlank() ? env.strip() : "http://localhost:8080");
        try {
            return URI.create(base.replaceAll("/+$", "") + path);
        } catch (IllegalArgumentException e) {
            throw line.error("--url: " + e.getMessage());
        }
    }

    private static HttpResponse<String> send(CliOptions line, HttpRequest.Builder request, PrintStream err)
            throws UsageException {
        String token = token(line);
        if (token == null) {
            err.println("fnkit: no admin token: pass --token, set $" + AdminToken.ENV + ", or name the gateway's"
                    + " --data-dir");
            return null;
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            return client.send(request.header("authorization", "Bearer " + token).timeout(Duration.ofMinutes(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("fnkit: no gateway at " + uri(line, "") + "; start one with fnkit serve");
            return null;
        } catch (IOException e) {
            err.println("fnkit: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String token(CliOptions line) {
        if (line.value("--token").isPresent()) {
            return line.value("--token").get();
        }
        String env = System.getenv(AdminToken.ENV);
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        Path file = line.value("--data-dir").map(Path::of).orElseGet(Gateway.Builder::defaultDataDir)
                .resolve(AdminToken.FILE_NAME);
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }

    private static int failed(HttpResponse<String> response, PrintStream err) {
        String detail = response.body();
        try {
            JsonNode problem = Json.tree(response.body().getBytes(StandardCharsets.UTF_8));
            if (problem.hasNonNull("detail")) {
                detail = problem.get("detail").asText();
            }
        } catch (RuntimeException ignored) {
            // not problem+json: show the body as is
        }
        err.println("fnkit: the gateway answered " + response.statusCode() + ": " + detail);
        return 1;
    }
}
