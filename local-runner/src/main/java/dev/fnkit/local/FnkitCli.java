package dev.fnkit.local;

import dev.fnkit.local.scaffold.NewCommand;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import dev.fnkit.local.lambda.LambdaCommand;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The {@code fnkit} command line: {@code new} creates a function project, {@code run} serves apps locally,
 * {@code invoke} and {@code list} talk to a running runner, {@code doctor} checks the machine, and every
 * {@link CliCommand} on the class path adds its own command. {@code fnkit <command> --help} shows one command's
 * options and an example. Exit status: 0 on success, 1 when the work fails (an app does not load, an invocation is
 * not 2xx, an essential check fails), 2 for wrong arguments.
 */
public final class FnkitCli {
    static final String EXIT_STATUS = """
            Exit status: 0 on success; 1 when the work fails (an app does not load or package, an invocation
            answers other than 2xx, the runner or gateway cannot be reached, an essential check fails); 2 for
            wrong arguments.
            """;

    private static final String USAGE = """
            Usage: fnkit <command> [options]

            Commands:
            %s

              help, --help             show this help; fnkit <command> --help shows one command's
              --version                show the version

            %s""";

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

    /** The commands, made on first use (so that {@link #version()} alone makes none). */
    private static final class Commands {
        static final Map<String, CliCommand> ALL = commands();
    }

    /** The built-in commands, then those contributed by other modules in name order; a built-in name wins. */
    private static Map<String, CliCommand> commands() {
        Map<String, CliCommand> commands = new LinkedHashMap<>();
        for (CliCommand command : List.of(new NewCommand(version()), new RunCommand(), new InvokeCommand(),
                new ListCommand(), new PackageCommand(), new LambdaCommand(), new DoctorCommand(DoctorCommand.Machine.current()))) {
            commands.put(command.name(), command);
        }
        Map<String, CliCommand> contributed = new TreeMap<>();
        for (CliCommand command : ServiceLoader.load(CliCommand.class, FnkitCli.class.getClassLoader())) {
            contributed.putIfAbsent(command.name(), command);
        }
        contributed.forEach(commands::putIfAbsent);
        return commands;
    }

    /** The usage text of every command. */
    static String usage() {
        StringBuilder commands = new StringBuilder();
        for (CliCommand command : Commands.ALL.values()) {
            commands.append(command.usage().stripIndent().strip().indent(2)).append('\n');
        }
        return USAGE.formatted(commands.toString().stripTrailing(), EXIT_STATUS);
    }

    /** One command's usage: its synopsis after {@code Usage: fnkit}, its options and example. */
    static String usage(CliCommand command) {
        return "Usage: fnkit " + command.usage().stripIndent().strip() + "\n\n" + EXIT_STATUS;
    }

    /** Runs one command line, printing to these streams, and returns the exit status. */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        CliCommand command = args.length == 0 ? null : Commands.ALL.get(args[0]);
        try {
            if (args.length == 0) {
                throw new UsageException("fnkit: name a command");
            }
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            switch (args[0]) {
                case "help", "--help", "-h" -> {
                    out.print(usage());
                    return 0;
                }
                case "version", "--version" -> {
                    out.println("fnkit " + version());
                    return 0;
                }
                default -> {
                    if (command == null) {
                        throw new UsageException("fnkit: unknown command '" + args[0] + "'");
                    }
                    if (rest.contains("--help") || rest.contains("-h")) {
                        out.print(usage(command));
                        return 0;
                    }
                    return command.run(rest, out, err);
                }
            }
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println();
            err.print(command == null ? usage() : usage(command));
            return 2;
        } catch (Exception e) {
            err.println("fnkit " + args[0] + ": " + e.getMessage());
            return 1;
        }
    }

    /** This fnkit's version, e.g. {@code 0.1.0}; {@code development} when run from unbuilt sources. */
    public static String version() {
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
