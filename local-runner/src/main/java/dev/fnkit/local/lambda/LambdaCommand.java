package dev.fnkit.local.lambda;

import dev.fnkit.local.CliCommand;
import dev.fnkit.local.UsageException;

import java.io.PrintStream;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code fnkit lambda}: serves the Lambda Runtime API and invoke endpoint on loopback, optionally starting the
 * runtime command given after {@code --} with {@code AWS_LAMBDA_RUNTIME_API} (and the function's name, version and
 * region) set, as Lambda would. Runs until the runtime command exits (with its status) or, without one, until the
 * process is stopped.
 */
public final class LambdaCommand implements CliCommand {
    /** The command's help, for the CLI's usage text. */
    public static final String USAGE = """
            lambda [--port N] [--function NAME] [--timeout SECONDS] [-- RUNTIME COMMAND...]
                Serve the AWS Lambda Runtime API on 127.0.0.1:N for a runtime (such as the AWS runtime interface
                client running dev.fnkit.aws.FnkitLambda::handleRequest) and the invoke endpoint
                POST /2015-03-31/functions/function/invocations, enforcing the timeout and 6 MB payloads.
                  --port N           the port (default 9001; 0 picks a free one)
                  --function NAME    the Lambda function's name (default function)
                  --timeout SECONDS  the function's timeout (default 3)
                  -- COMMAND...      start this runtime with AWS_LAMBDA_RUNTIME_API set; stop with it
                Example (in target/fnkit/aws/ after unzipping function.zip there):
                  FNKIT_FUNCTION=hello fnkit lambda -- java -cp '.:lib/*:ric/*' \\
                      com.amazonaws.services.lambda.runtime.api.client.AWSLambda dev.fnkit.aws.FnkitLambda::handleRequest
            """;

    @Override
    public String name() {
        return "lambda";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    /** Runs the command; returns the exit status. */
    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        int port = 9001;
        String function = "function";
        Duration timeout = Duration.ofSeconds(3);
        List<String> command = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
                    case "--function" -> function = value(args, ++i, arg);
                    case "--timeout" -> timeout = Duration.ofMillis(Math.round(Double.parseDouble(
                            value(args, ++i, arg)) * 1000));
                    case "--" -> {
                        command.addAll(args.subList(i + 1, args.size()));
                        i = args.size();
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port must be 0 to 65535");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("fnkit lambda: " + e.getMessage());
        }
        LambdaRuntimeApiEmulator emulator;
        try {
            emulator = new LambdaRuntimeApiEmulator(LambdaRuntimeApiEmulator.Settings.of(function)
                    .withTimeout(timeout)).start(port);
        } catch (BindException e) {
            err.println("fnkit lambda: port " + port + " is taken");
            return 1;
        }
        String api = emulator.runtimeApi();
        out.println("Lambda Runtime API for function '" + function + "' (timeout " + timeout.toMillis() / 1000.0
                + " s) on " + api);
        out.println("  runtime: AWS_LAMBDA_RUNTIME_API=" + api);
        out.println("  invoke:  curl -d '{}' http://" + api + "/2015-03-31/functions/function/invocations");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "fnkit-lambda-stop"));
        try {
            if (command.isEmpty()) {
                stopped.await();
                return 0;
            }
            ProcessBuilder runtime = new ProcessBuilder(command).inheritIO();
            Map<String, String> env = runtime.environment();
            env.put("AWS_LAMBDA_RUNTIME_API", api);
            env.putIfAbsent("AWS_LAMBDA_FUNCTION_NAME", function);
            env.putIfAbsent("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.putIfAbsent("AWS_REGION", emulator.settings().region());
            Process process = runtime.start();
            int status = process.waitFor();
            emulator.close();
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emulator.close();
            return 1;
        } catch (java.io.IOException e) {
            err.println("fnkit lambda: cannot start " + command.get(0) + ": " + e.getMessage());
            emulator.close();
            return 1;
        }
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }
}
