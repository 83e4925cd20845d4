package dev.fnkit.local;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.Properties;

/**
 * The {@code fnkit} command line: {@code run} serves apps locally, {@code invoke} calls a function of a running
 * runner, and every {@link CliCommand} on the class path adds its own command. Exit status: 0 on success, 1 when the
 * work fails (an app does not load, an invocation is not 2xx), 2 for wrong arguments.
 */
public final class FnkitCli {
    static final String USAGE = """
            Usage: fnkit <command> [options]

            Commands:
              run <app>... [--port N] [--max-body BYTES] [--schedules]
                  Serve the functions of each app on http://localhost:N and reload an app when its compiled
                  classes change. An app is a Maven project directory (built first), a jar (with an optional
                  lib/ folder next to it), a classes directory, or a directory whose subdirectories are apps.
                    --port N           the port to listen on; 0 picks a free one (default 8080)
                    --max-body BYTES   the largest request body accepted (default 6291456)
                    --schedules        also fire schedule-triggered functions on their cron, in UTC

              invoke <name> [--data JSON | --event FILE] [--url URL]
                  Invoke a function of a running runner by name; print the status and the body.
                    --data JSON        the JSON to send (default: an empty body)
                    --event FILE       a file to send: a structured CloudEvent if it has "specversion",
                                       else the event's data
                    --url URL          the runner (default http://localhost:8080)
            %s
              help, --help             show this help
              --version                show the version

            Exit status: 0 on success, 1 on failure, 2 for wrong arguments.
            """;

    private FnkitCli() {
    }

    /** Runs the command line and exits with its status (a {@code run} stops when the JVM is asked to stop). */
    public static void main(String[] args) {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        int status = execute(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The usage text, with the commands contributed by other modules. */
    static String usage() {
        StringBuilder more = new StringBuilder();
        for (CliCommand command : CONTRIBUTED.values()) {
            more.append('\n').append(command.usage().stripTrailing().indent(2));
        }
        return USAGE.formatted(more);
    }

    private static final Map<String, CliCommand> CONTRIBUTED = contributed();

    private static Map<String, CliCommand> contributed() {
        Map<String, CliCommand> commands = new TreeMap<>();
        for (CliCommand command : ServiceLoader.load(CliCommand.class, FnkitCli.class.getClassLoader())) {
            commands.putIfAbsent(command.name(), command);
        }
        return commands;
    }

    /** Runs one command line, printing to these streams, and returns the exit status. */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        String usage = usage();
        try {
            if (args.length == 0) {
                throw new UsageException("fnkit: name a command");
            }
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            if (rest.contains("--help") || rest.contains("-h")) {
                out.print(usage);
                return 0;
            }
            switch (args[0]) {
                case "help", "--help", "-h" -> {
                    out.print(usage);
                    return 0;
                }
                case "version", "--version" -> {
                    out.println("fnkit " + version());
                    return 0;
                }
                case "run" -> {
                    return RunCommand.run(rest, out, err);
                }
                case "invoke" -> {
                    return InvokeCommand.run(rest, out, err);
                }
                default -> {
                    CliCommand command = CONTRIBUTED.get(args[0]);
                    if (command == null) {
                        throw new UsageException("fnkit: unknown command '" + args[0] + "'");
                    }
                    return command.run(rest, out, err);
                }
            }
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println();
            err.print(usage);
            return 2;
        } catch (Exception e) {
            err.println("fnkit " + args[0] + ": " + e.getMessage());
            return 1;
        }
    }

    static String version() {
        try (InputStream in = FnkitCli.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}
