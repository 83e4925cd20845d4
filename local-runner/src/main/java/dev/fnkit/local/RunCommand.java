package dev.fnkit.local;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code fnkit run <app>... [--port N] [--max-body BYTES] [--schedules]}: serves apps until stopped. */
final class RunCommand implements CliCommand {
    static final String USAGE = """
            run <app>... [--port N] [--max-body BYTES] [--schedules]
                Serve the functions of each app on http://localhost:N and reload an app when its compiled
                classes change. An app is a Maven project directory (built first), a jar (with an optional
                lib/ folder next to it), a classes directory, or a directory whose subdirectories are apps.
                  --port N           the port to listen on; 0 picks a free one (default 8080)
                  --max-body BYTES   the largest request body accepted (default %d)
                  --schedules        also fire schedule-triggered functions on their cron, in UTC
                Example:
                  fnkit run . --port 9090 --schedules
            """.formatted(NettyHttpServer.DEFAULT_MAX_BODY_BYTES);

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    /** The runner the arguments describe, not yet started. */
    static LocalServer.Builder parse(List<String> args) throws UsageException {
        return parsed(args).builder();
    }

    private record Parsed(LocalServer.Builder builder, List<String> apps) {
    }

    private static Parsed parsed(List<String> args) throws UsageException {
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
        return new Parsed(builder, options.positional());
    }

    /** Starts the runner, prints what it serves, and serves until the JVM is asked to stop. */
    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Parsed parsed = parsed(args);
        LocalServer.Builder builder = parsed.builder().out(out).log(err);
        err.println("fnkit run: loading " + String.join(", ", parsed.apps()) + " ...");
        long started = System.nanoTime();
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
        err.println(String.format(Locale.ROOT, "fnkit run: %d functions ready in %.1f s; stop with Ctrl+C",
                server.listing().size(), (System.nanoTime() - started) / 1e9));
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

    /** One line per function: name, kind, trigger and how to call it, in aligned columns. */
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
