package dev.fnkit.kubernetes;

import dev.fnkit.selfhosted.worker.ContainerMode;
import dev.fnkit.selfhosted.worker.Worker;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's entry point, the worker in container mode, as a real process, with the test class path standing in for
 * the image's.
 */
class ContainerModeTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheNamedFunctionOnPortAndStopsOnSigterm() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = start(List.of(), Map.of("PORT", Integer.toString(port), "FNKIT_FUNCTION", "hello-world"));
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.contains("listening on port")) {
                // start-up output
            }
            assertThat(line).isEqualTo("fnkit container: hello-world listening on port " + port);
            HttpResponse<String> ready = get(port, ContainerMode.READINESS_PATH);
            assertThat(ready.statusCode()).isEqualTo(204);
            HttpResponse<String> hello = get(port, "/hello/ann");
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.body()).isEqualTo("hello ann from hello-world");
            assertThat(hello.headers().firstValue("x-request-id")).isPresent();
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void onceInvokesTheScheduleFunctionAndExits() throws Exception {
        Ended ended = runToEnd(List.of(ContainerMode.ONCE), Map.of("FNKIT_FUNCTION", "nightly"));

        assertThat(ended.status()).isZero();
        assertThat(ended.out()).contains("fnkit container: nightly answered 20");
    }

    @Test
    void loadsTheApplicationClassesFnkitAppNames() throws Exception {
        Ended named = runToEnd(List.of(ContainerMode.ONCE), Map.of("FNKIT_FUNCTION", "nightly",
                "FNKIT_APP", SampleApp.class.getName()));
        assertThat(named.status()).isZero();
        assertThat(named.out()).contains("fnkit container: nightly answered 20");

        Ended missing = runToEnd(List.of(ContainerMode.ONCE), Map.of("FNKIT_FUNCTION", "nightly",
                "FNKIT_APP", "com.example.Missing"));
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("FNKIT_APP names com.example.Missing, which cannot be loaded");
    }

    @Test
    void refusesToGuessAmongSeveralFunctions() throws Exception {
        Ended ended = runToEnd(List.of(), Map.of());

        assertThat(ended.status()).isEqualTo(1);
        assertThat(ended.err()).contains("set FNKIT_FUNCTION to one of [hello-world, greet, nightly, orders]");
    }

    @Test
    void unknownArgumentsExitWithTwo() throws Exception {
        Ended ended = runToEnd(List.of("--serve-twice"), Map.of("FNKIT_FUNCTION", "greet"));

        assertThat(ended.status()).isEqualTo(2);
        assertThat(ended.err()).contains("fnkit container: unknown arguments [--serve-twice]; the only one is --once");
    }

    private record Ended(int status, String out, String err) {
    }

    private Ended runToEnd(List<String> args, Map<String, String> env) throws Exception {
        Process process = start(args, env);
        try {
            process.getOutputStream().close();
            java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return process.getErrorStream().readAllBytes();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return new Ended(process.exitValue(), out, new String(err.get(30, TimeUnit.SECONDS),
                    StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    private Process start(List<String> args, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Worker.class.getName(), ContainerMode.FLAG));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("FNKIT_FUNCTION");
        builder.environment().remove("FNKIT_APP");
        builder.environment().remove("PORT");
        builder.environment().putAll(env);
        return builder.start();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
