package dev.fnkit.selfhosted;

import dev.fnkit.local.CliCommand;
import dev.fnkit.local.UsageException;

import java.io.PrintStream;
import java.util.List;

/**
 * The self-hosted runtime's commands in the {@code fnkit} CLI ({@code serve}, {@code functions}, {@code scale},
 * {@code deploy}), listed in {@code META-INF/services/dev.fnkit.local.CliCommand}.
 */
public final class SelfHostedCommands {
    private SelfHostedCommands() {
    }

    /** A command that runs one of the static command methods. */
    private abstract static class Command implements CliCommand {
        private final String name;
        private final String usage;

        Command(String name, String usage) {
            this.name = name;
            this.usage = usage;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String usage() {
            return usage;
        }
    }

    /** {@code fnkit serve}: runs the gateway. */
    public static final class Serve extends Command {
        public Serve() {
            super("serve", ServeCommand.USAGE);
        }

        @Override
        public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
            return ServeCommand.run(args, out, err);
        }
    }

    /** {@code fnkit functions}: lists a gateway's functions. */
    public static final class Functions extends Command {
        public Functions() {
            super("functions", AdminCommands.FUNCTIONS_USAGE);
        }

        @Override
        public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
            return AdminCommands.functions(args, out, err);
        }
    }

    /** {@code fnkit scale}: sets a function's instances. */
    public static final class Scale extends Command {
        public Scale() {
            super("scale", AdminCommands.SCALE_USAGE);
        }

        @Override
        public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
            return AdminCommands.scale(args, out, err);
        }
    }

    /** {@code fnkit deploy}: deploys a bundle to a gateway. */
    public static final class Deploy extends Command {
        public Deploy() {
            super("deploy", AdminCommands.DEPLOY_USAGE);
        }

        @Override
        public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
            return AdminCommands.deploy(args, out, err);
        }
    }
}
