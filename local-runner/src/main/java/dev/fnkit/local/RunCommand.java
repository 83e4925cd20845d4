package dev.fnkit.local;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code fnkit run <app>... [--port N] [--max-body BYTES] [--schedules]}: serves apps until stopped. */
final class RunCommand {
    private RunCommand() {
    }

    /** The runner the arguments describe, not yet started. */
    static LocalServer.Builder parse(List<String> args) throws UsageException {
        CliOptions options = CliOptions.parse("run", args, Set.of("--port", "--max-body"), Set.of("--schedules"));
        if (options.positional().isEmpty()) {
            throw options.error("name at least one app: a Maven project directory, a jar, or a classes directory");
        }
        LocalServer.Builder builder = LocalServer.builder()
                .port(options.intValue("--port", 8080, 0, 65535))
                .maxBodyBytes(options.intValue("--max-body", NettyHttpServer.DEFAULT_MAX_BODY_BYTES, 1,
                        Integer.MAX_VALUE - 8))
                .schedules(options.flag("--schedules"));
        for (String app : options.positional()) {
            builder.app(Path.of(app));
        }
        return builder;
    }

    /** Starts the runner, prints what it serves, and serves until the JVM is asked to stop. */
    static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        LocalServer.Builder builder = parse(args).out(out).log(err);
        LocalServer server;
        try {
            server = start(builder, out);
        } catch (UncheckedIOException e) {
            err.println("fnkit run: " + e.getCause().getMessage() + "; choose another port with --port");
            return 1;
        } catch (IllegalStateException e) {
            err.println("fnkit run: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            out.println("fnkit local runner stopped");
        }, "fnkit-shutdown"));
        try {
            server.awaitClose();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            return 1;
        }
    }

    /** Starts the runner and prints one line per function, then where it listens. */
    static LocalServer start(LocalServer.Builder builder, PrintStream out) {
        LocalServer server = builder.start();
        print(server.listing(), out);
        out.println("fnkit local runner listening on " + server.url());
        return server;
    }

    static void print(List<FunctionListing> functions, PrintStream out) {
        int name = 4;
        int kind = 4;
        int trigger = 7;
        for (FunctionListing function : functions) {
            name = Math.max(name, function.name().length());
            kind = Math.max(kind, function.kind().length());
            trigger = Math.max(trigger, function.trigger().length());
        }
        String format = "  %-" + name + "s  %-" + kind + "s  %-" + trigger + "s  %s%n";
        for (FunctionListing function : functions) {
            out.printf(format, function.name(), function.kind(), function.trigger(),
                    String.join(", ", function.urls()));
        }
    }
}
