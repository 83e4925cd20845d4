package dev.fnkit.compat.spring;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring application under a real provider runtime: Google's Functions Framework invoker, in a child JVM, loads
 * fnkit's {@code FnkitHttpFunction}, which starts the Spring context and serves one of its beans.
 */
class GcpInvokerTest {
    private static final String INVOKER = "com.google.cloud.functions.invoker.runner.Invoker";
    private static final String TARGET = "dev.fnkit.gcp.FnkitHttpFunction";
    private static final List<String> OUTPUT = new ArrayList<>();
    private static Process invoker;
    private static int port;

    @BeforeAll
    static void startInvoker() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String invokerJar = new File(Class.forName(INVOKER).getProtectionDomain().getCodeSource().getLocation()
                .toURI()).getPath();
        String app = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.equals(invokerJar)).collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                "-XX:TieredStopAtLevel=1", "-cp", invokerJar, INVOKER, "--target", TARGET, "--classpath", app,
                "--port", Integer.toString(port)).redirectErrorStream(true);
        builder.environment().put("FNKIT_FUNCTION", "quote-http");
        builder.environment().put("FUNCTION_SIGNATURE_TYPE", "http");
        builder.environment().put("FUNCTION_TARGET", TARGET);
        builder.environment().remove("K_SERVICE");
        invoker = builder.start();
        CompletableFuture<Void> serving = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(invoker.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (OUTPUT) {
                        OUTPUT.add(line);
                    }
                    if (line.contains("URL: http://")) {
                        serving.complete(null);
                    }
                }
            } catch (IOException e) {
                serving.completeExceptionally(e);
            }
            serving.completeExceptionally(new AssertionError("the invoker exited: " + output()));
        }, "invoker-output");
        reader.setDaemon(true);
        reader.start();
        serving.get(120, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopInvoker() throws InterruptedException {
        if (invoker != null) {
            invoker.destroy();
            if (!invoker.waitFor(10, TimeUnit.SECONDS)) {
                invoker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void servesASpringBeanWithItsCollaborators() throws Exception {
        HttpResponse<String> response = post("{\"id\":\"gcf-1\",\"quantity\":4}");
        assertThat(response.statusCode()).as(output()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"orderId\":\"gcf-1\",\"totalCents\":1000}");
    }

    @Test
    void answersBadJsonWithAProblem() throws Exception {
        HttpResponse<String> response = post("{\"id\":");
        assertThat(response.statusCode()).as(output()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"malformed-json\"").doesNotContain("at dev.fnkit");
    }

    private static HttpResponse<String> post(String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/quote"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String output() {
        synchronized (OUTPUT) {
            return String.join("\n", OUTPUT);
        }
    }
}
