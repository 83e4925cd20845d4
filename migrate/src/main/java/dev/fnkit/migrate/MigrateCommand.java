package dev.fnkit.migrate;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fnkit.core.Json;
import dev.fnkit.local.CliCommand;
import dev.fnkit.local.CliOptions;
import dev.fnkit.local.UsageException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code fnkit migrate <classes-dir|jar>... [--json]}: reports the provider-specific handlers in compiled classes
 * and how to run them on fnkit. Listed in {@code META-INF/services/dev.fnkit.local.CliCommand}.
 */
public final class MigrateCommand implements CliCommand {
    static final String USAGE = """
            migrate <classes-dir|jar>... [--json]
                Read compiled classes (without loading them) and report each AWS Lambda, Google Cloud Functions,
                Azure Functions and Spring Cloud Function handler: its trigger, the compat layer that runs it on
                fnkit now, its portable equivalent, the provider APIs it uses that do not carry over, and a
                FunctionApp to start from.
                  --json             print the report as JSON (inputs, classes, handlers, suggestedApp, warnings)
                Example:
                  fnkit migrate target/classes
                  fnkit migrate build/libs/orders-lambda.jar --json
            """;

    /** Used by {@link java.util.ServiceLoader}. */
    public MigrateCommand() {
    }

    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException, IOException {
        CliOptions options = CliOptions.parse("migrate", args, Set.of(), Set.of("--json"));
        if (options.positional().isEmpty()) {
            throw options.error("name at least one classes folder or jar");
        }
        List<Path> inputs = new ArrayList<>();
        for (String argument : options.positional()) {
            Path input = Path.of(argument);
            if (!Files.exists(input)) {
                throw options.error("no such folder or jar: " + argument);
            }
            inputs.add(input);
        }
        Report report = Migration.analyse(inputs);
        if (options.flag("--json")) {
            out.println(Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            ReportText.print(report, out);
        }
        return 0;
    }
}
