package dev.fnkit.local;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** A contributed command for the CLI tests: prints its argument, or fails on request. */
public final class TestCommand implements CliCommand {
    @Override
    public String name() {
        return "shout";
    }

    @Override
    public String usage() {
        return """
                shout <word> [--fail]
                    Print the word in capitals.
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CliOptions options = CliOptions.parse("shout", args, Set.of(), Set.of("--fail"));
        if (options.positional().size() != 1) {
            throw options.error("name one word");
        }
        if (options.flag("--fail")) {
            throw new IllegalStateException("asked to fail");
        }
        out.println(options.positional().get(0).toUpperCase());
        return 0;
    }
}
