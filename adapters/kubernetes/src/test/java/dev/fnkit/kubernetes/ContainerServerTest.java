package dev.fnkit.kubernetes;

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

/** The image's entry point as a real process, with the test class path standing in for the image's. */
class ContainerServerTest {
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
            HttpResponse<String> ready = get(port, ContainerServer.READINESS_PATH);
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
        Process process = start(List.of(ContainerServer.ONCE), Map.of("FNKIT_FUNCTION", "nightly"));
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(output).contains("fnkit container: nightly answered 20");
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void refusesToGuessAmongSeveralFunctions() throws Exception {
        Process process = start(List.of(), Map.of());
        try {
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(errors).contains("set FNKIT_FUNCTION to one of [hello-world, greet, nightly, orders]");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void portDefaultsTo8080() {
        assertThat(ContainerServer.port(null)).isEqualTo(8080);
        assertThat(ContainerServer.port(" 9000 ")).isEqualTo(9000);
    }

    private Process start(List<String> args, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ContainerServer.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("FNKIT_FUNCTION");
        builder.environment().remove("PORT");
        builder.environment().putAll(env);
        return builder.start();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
