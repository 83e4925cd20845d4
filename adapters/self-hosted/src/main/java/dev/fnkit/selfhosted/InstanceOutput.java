package dev.fnkit.selfhosted;

import dev.fnkit.selfhosted.usage.LogStore;
import dev.fnkit.selfhosted.worker.InstanceProtocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Re-emits a process's standard output and error line by line, prefixed with its instance id, and picks the ready
 * line (with the expected token) out of its standard output. A pre-started worker gets its id and token when it is
 * specialised, so both can be set after the pumps started; before that, its standard output may announce that it
 * warmed up ({@link InstanceProtocol#WARM_LINE}).
 */
final class InstanceOutput {
    private final CompletableFuture<InstanceProtocol.Endpoint> endpoint = new CompletableFuture<>();
    private final CompletableFuture<Void> warm = new CompletableFuture<>();
    private final LogStore logs;
    private volatile String id;
    private volatile String prefix;
    private volatile String token;

    /** @param logs where lines are also captured, or null */
    InstanceOutput(Process process, String id, GatewayConfig config, LogStore logs) {
        this.logs = logs;
        this.id = id;
        this.prefix = "[" + id + "] ";
        pump(process.getInputStream(), config.out(), true, id + "-stdout");
        pump(process.getErrorStream(), config.log(), false, id + "-stderr");
        process.onExit().thenRun(() -> {
            IOException exited = new IOException("the process exited with status " + process.exitValue()
                    + " before it served");
            warm.completeExceptionally(exited);
            endpoint.completeExceptionally(exited);
        });
    }

    /** Names the instance in the output from now on, and expects its ready line with this token. */
    void assign(String id, String token) {
        this.id = id;
        this.prefix = "[" + id + "] ";
        this.token = token;
    }

    /** Completes when a pre-started worker announced that it warmed up; fails if it exits first. */
    CompletableFuture<Void> warm() {
        return warm;
    }

    /** Completes with where the instance announced it serves. */
    CompletableFuture<InstanceProtocol.Endpoint> endpoint() {
        return endpoint;
    }

    private void pump(InputStream stream, PrintStream target, boolean announces, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String expected = token;
                    if (announces && !endpoint.isDone() && line.equals(InstanceProtocol.WARM_LINE)) {
                        warm.complete(null);
                        continue;
                    }
                    if (announces && expected != null && !endpoint.isDone()) {
                        InstanceProtocol.Endpoint announced = InstanceProtocol.parseReadyLine(line, expected);
                        if (announced != null) {
                            endpoint.complete(announced);
                            continue;
                        }
                    }
                    target.println(prefix + line);
                    if (logs != null) {
                        logs.line(id, announces ? "stdout" : "stderr", line);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "fnkit-" + name);
        thread.setDaemon(true);
        thread.start();
    }
}
