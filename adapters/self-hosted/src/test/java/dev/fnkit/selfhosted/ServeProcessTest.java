package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fnkit serve} as its own process: SIGTERM drains, and instances die with a killed gateway. */
class ServeProcessTest {
    private static final String TOKEN = "serve-test-token";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path work;
    private static Path testFunctions;
    private Process serve;

    @BeforeAll
    static void compile() throws IOException {
        testFunctions = TestApps.testFunctions(work.resolve("apps"));
    }

    @AfterEach
    void stopServe() {
        if (serve != null && serve.isAlive()) {
            serve.descendants().forEach(ProcessHandle::destroyForcibly);
            serve.destroyForcibly();
        }
    }

    @AfterAll
    static void noneLeft() {
        Children.assertNoneLeft();
    }

    /** Starts {@code fnkit serve} on a free port and returns its URL. */
    private URI serve(String dataDir) throws Exception {
        ServeProcess started = ServeProcess.start(TOKEN, WAIT, testFunctions.toString(), "--port", "0",
                "--data-dir", work.resolve(dataDir).toString());
        serve = started.process();
        return started.url();
    }

    private static List<JsonNode> instances(URI url, String function) {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(url.resolve("/system/function/" + function))
                .header("authorization", "Bearer " + TOKEN));
        List<JsonNode> list = new ArrayList<>();
        Json.tree(response.body().getBytes(StandardCharsets.UTF_8)).path("fnkit").path("instances").forEach(list::add);
        return list;
    }

    @Test
    void sigtermAnswersInFlightRequestsThenStopsEveryInstance() throws Exception {
        URI url = serve("sigterm");
        assertThat(Http.get(url, "/environment").statusCode()).isEqualTo(200);
        assertThat(Http.get(url, "/sleeper?ms=1").statusCode()).isEqualTo(200);
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
                () -> Http.get(url, "/sleeper?ms=1500"));
        Children.await("the request is at an instance", WAIT, () -> instances(url, "sleeper").stream()
                .anyMatch(i -> i.path("outstanding").asInt() == 1));
        List<ProcessHandle> instances = serve.descendants().toList();
        assertThat(instances).isNotEmpty();
        serve.destroy();
        assertThat(inFlight.get().statusCode()).isEqualTo(200);
        assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Children.await("every instance is gone", WAIT, () -> instances.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void instancesExitWhenTheGatewayIsKilled() throws Exception {
        URI url = serve("kill");
        assertThat(Http.get(url, "/environment").statusCode()).isEqualTo(200);
        assertThat(Http.get(url, "/sleeper?ms=1").statusCode()).isEqualTo(200);
        List<ProcessHandle> instances = serve.descendants().toList();
        assertThat(instances).hasSizeGreaterThanOrEqualTo(2);
        serve.destroyForcibly();
        assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Children.await("the orphaned instances exit", WAIT,
                () -> instances.stream().noneMatch(ProcessHandle::isAlive));
    }
}
