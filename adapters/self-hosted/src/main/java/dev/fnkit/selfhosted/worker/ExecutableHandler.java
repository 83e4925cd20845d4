package dev.fnkit.selfhosted.worker;

import dev.fnkit.api.Body;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Problem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The classic watchdog: runs the function's executable once per request, the request body on its standard input and
 * the request described in environment variables ({@code Http_Method}, {@code Http_Path}, {@code Http_Query} and
 * {@code Http_<Header_Name>} per header, as OpenFaaS's watchdog does), and answers 200 with its standard output, or
 * a 500 problem when it exits with another status. Its standard error is logged with the request id. A process still
 * running at the deadline is killed with its children. The response type is env {@code content_type}, else text.
 */
final class ExecutableHandler implements Function<HttpRequest, HttpResponse> {
    private final List<String> command;
    private final Path directory;
    private final Duration defaultTimeout;
    private final String contentType;
    private final ExecutorService io;
    private final PrintStream err;

    ExecutableHandler(List<String> command, Path directory, Duration defaultTimeout, ExecutorService io,
                      PrintStream err) {
        this.command = List.copyOf(command);
        this.directory = directory;
        this.defaultTimeout = defaultTimeout;
        this.io = io;
        this.err = err;
        String type = System.getenv("content_type");
        this.contentType = type == null || type.isBlank() ? "text/plain; charset=utf-8" : type;
    }

    @Override
    public HttpResponse apply(HttpRequest forwarded) {
        ForwardedRequest in = ForwardedRequest.of(forwarded, defaultTimeout);
        if (in.probe()) {
            return HttpResponse.noContent();
        }
        HttpRequest request = in.request();
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        describe(request, in.requestId(), builder.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            err.println("cannot start " + command + ": " + e.getMessage() + " requestId=" + in.requestId());
            return problem(500, "process-start-failed", "The function's process could not be started", in);
        }
        CompletableFuture<Void> stdin = CompletableFuture.runAsync(() -> write(process.getOutputStream(),
                request.body()), io);
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), io);
        CompletableFuture.runAsync(() -> logLines(process.getErrorStream(), in.requestId()), io);
        try {
            long waitMillis = Math.max(0, Duration.between(Instant.now(), in.deadline()).toMillis());
            if (!process.waitFor(waitMillis, TimeUnit.MILLISECONDS)) {
                ProcessTrees.kill(process);
                return problem(504, "function-timeout", "The function did not finish before its deadline", in);
            }
            byte[] output = stdout.get(Math.max(1, Duration.between(Instant.now(), in.deadline()).toMillis()),
                    TimeUnit.MILLISECONDS);
            stdin.cancel(false);
            if (process.exitValue() != 0) {
                err.println("the function's process exited with status " + process.exitValue() + " requestId="
                        + in.requestId());
                return problem(500, "process-failed", "The function's process exited with status "
                        + process.exitValue(), in);
            }
            return HttpResponse.builder().status(200).contentType(contentType)
                    .setHeader(InstanceProtocol.REQUEST_ID, in.requestId()).body(Body.of(output)).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTrees.kill(process);
            return problem(503, "shutting-down", "The instance is stopping", in);
        } catch (Exception e) {
            ProcessTrees.kill(process);
            return problem(504, "function-timeout", "The function did not finish before its deadline", in);
        }
    }

    private static void describe(HttpRequest request, String requestId, Map<String, String> env) {
        env.put("Http_Method", request.method());
        env.put("Http_Path", request.path());
        env.put("Http_Query", request.query().encode());
        request.headers().asMap().forEach((name, values) -> env.put("Http_" + envName(name),
                String.join(", ", values)));
        env.put("Http_X_Request_Id", requestId);
    }

    /** {@code content-type} → {@code Content_Type}. */
    static String envName(String header) {
        StringBuilder out = new StringBuilder(header.length());
        boolean upper = true;
        for (char c : header.toCharArray()) {
            if (c == '-' || !Character.isLetterOrDigit(c)) {
                out.append('_');
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                upper = false;
            }
        }
        return out.toString();
    }

    private static void write(OutputStream stdin, Body body) {
        try (stdin) {
            stdin.write(body.bytes());
        } catch (IOException ignored) {
            // the process need not read its input
        }
    }

    private static byte[] readAll(InputStream stdout) {
        try (stdout) {
            return stdout.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private void logLines(InputStream stderr, String requestId) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                err.println(line + " requestId=" + requestId);
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    private static HttpResponse problem(int status, String code, String detail, ForwardedRequest in) {
        return new Problem(status, code, detail, in.requestId()).toResponse().toBuilder()
                .setHeader(InstanceProtocol.REQUEST_ID, in.requestId()).build();
    }
}
