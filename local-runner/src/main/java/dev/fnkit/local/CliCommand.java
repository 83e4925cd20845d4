package dev.fnkit.local;

import java.io.PrintStream;
import java.util.List;

/**
 * A command that a module adds to the {@code fnkit} CLI (e.g. {@code serve} from the self-hosted runtime), listed in
 * {@code META-INF/services/dev.fnkit.local.CliCommand}.
 */
public interface CliCommand {
    /** The command's name, e.g. {@code serve}. */
    String name();

    /**
     * The command's part of the usage text: the synopsis on the first line, then its description and options
     * indented by four spaces, as the built-in commands show theirs.
     */
    String usage();

    /**
     * Runs the command with the arguments after its name.
     *
     * @return the exit status: 0 on success, 1 on failure
     * @throws UsageException for wrong arguments (the CLI prints it with the usage and exits with 2)
     * @throws Exception     for a failure (the CLI prints its message and exits with 1)
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
