package dev.fnkit.selfhosted.worker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the gateway tells a worker on its command line.
 *
 * @param function      the function to serve
 * @param readyToken    the token to print on the ready line
 * @param concurrency   the most requests served at once
 * @param timeoutMillis the function's timeout, for requests without a deadline header and for draining
 * @param maxBodyBytes  the largest request body
 * @param app           the application jar (JVM functions), or null
 * @param appClasses    its {@code FunctionApp} classes, comma-separated, as its bundle's manifest records them (loaded
 *                      by name instead of looking through every jar's service files), or null to look
 * @param command       the executable and its arguments (executable functions), or empty
 * @param train         true for a training run: exit normally once ready, so that the JVM writes its class-data
 *                      archive
 * @param socket        a Unix domain socket to serve the gateway on besides the loopback port, or null
 */
record WorkerArguments(String function, String readyToken, int concurrency, long timeoutMillis, int maxBodyBytes,
                       Path app, String appClasses, List<String> command, boolean train, Path socket) {
    /** The flag of a training run. */
    static final String TRAIN = Worker.TRAIN;

    boolean executable() {
        return app == null;
    }

    /** @throws IllegalArgumentException naming what is missing or wrong */
    static WorkerArguments parse(String[] args) {
        String function = null;
        String token = null;
        int concurrency = 1;
        long timeout = 30_000;
        int maxBody = 6 * 1024 * 1024;
        Path app = null;
        String appClasses = null;
        List<String> command = new ArrayList<>();
        boolean exec = false;
        boolean train = false;
        Path socket = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                for (int j = i + 1; j < args.length; j++) {
                    command.add(args[j]);
                }
                break;
            }
            if (arg.equals("--exec")) {
                exec = true;
                continue;
            }
            if (arg.equals(TRAIN)) {
                train = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String value = args[++i];
            switch (arg) {
                case "--function" -> function = value;
                case "--ready-token" -> token = value;
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--timeout-millis" -> timeout = Long.parseLong(value);
                case "--max-body" -> maxBody = Integer.parseInt(value);
                case "--app" -> app = Path.of(value);
                case "--app-classes" -> appClasses = value;
                case "--socket" -> socket = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (function == null || token == null) {
            throw new IllegalArgumentException("--function and --ready-token are required");
        }
        if (exec == (app != null) || exec && command.isEmpty()) {
            throw new IllegalArgumentException("give either --app JAR or --exec -- COMMAND...");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be positive");
        }
        return new WorkerArguments(function, token, concurrency, timeout, maxBody, app, appClasses,
                List.copyOf(command), train, socket);
    }
}
