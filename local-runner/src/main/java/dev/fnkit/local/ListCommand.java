package dev.fnkit.local;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fnkit.api.FunctionException;
import dev.fnkit.core.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code fnkit list [--url URL] [--json]}: lists the functions a running local runner serves
 * ({@code GET /_fnkit/functions}), as {@code fnkit run} prints them or as JSON.
 */
final class ListCommand implements CliCommand {
    static final String USAGE = """
            list [--url URL] [--json]
                List the functions of a running runner: name, kind, trigger and how to call each.
                  --url URL          the runner (default %s)
                  --json             print the runner's JSON: [{"name", "kind", "trigger", "app", "urls"}, ...]
                Example:
                  fnkit list --json
            """.formatted(RunnerHttp.DEFAULT_URL);

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, IOException {
        CliOptions options = CliOptions.parse("list", args, Set.of(RunnerHttp.URL_OPTION), Set.of("--json"));
        if (!options.positional().isEmpty()) {
            throw options.error("unexpected argument '" + options.positional().get(0) + "'");
        }
        URI uri = URI.create(RunnerHttp.baseUrl(options) + LocalDispatcher.FUNCTIONS_PATH);
        HttpResponse<byte[]> response = RunnerHttp.send("list", HttpRequest.newBuilder(uri).GET().build(), err);
        if (response == null) {
            return 1;
        }
        if (response.statusCode() != 200) {
            err.println("fnkit list: " + uri + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8).strip());
            return 1;
        }
        List<FunctionListing> functions;
        try {
            functions = Arrays.asList(Json.decode(response.body(), FunctionListing[].class));
        } catch (FunctionException e) {
            err.println("fnkit list: " + uri + " is not a fnkit runner (" + e.getMessage() + ")");
            return 1;
        }
        if (options.flag("--json")) {
            out.println(Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(functions));
        } else if (functions.isEmpty()) {
            out.println("The runner at " + RunnerHttp.baseUrl(options) + " serves no functions");
        } else {
            RunCommand.print(functions, out);
        }
        return 0;
    }
}
