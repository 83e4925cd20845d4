package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import dev.fnkit.local.NettyTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A graceful restart: a second {@code fnkit serve} on the data directory of a running one takes over its listening
 * socket under steady load; no request fails, none is refused, the first process exits with its instances, and the
 * app named on the command line is not deployed again.
 */
class GracefulRestartTest {
    private static final String TOKEN = "restart-test-token";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path work;

    @AfterAll
    static void noneLeft() {
        Children.assertNoneLeft();
    }

    @Test
    void aSecondServeTakesOverWithoutAFailedRequest() throws Exception {
        assumeTrue(NettyTransport.epollAvailable(), "graceful restarts need the epoll transport");
        Path apps = TestApps.testFunctions(work.resolve("apps"));
        Path data = work.resolve("data");
        String[] args = {apps.toString(), "--port", "0", "--data-dir", data.toString(), "--prestarted", "0"};
        ServeProcess first = ServeProcess.start(TOKEN, WAIT, args);
        ServeProcess second = null;
        try {
            URI url = first.url();
            assertThat(Http.get(url, "/sleeper?ms=1").statusCode()).isEqualTo(200);
            List<ProcessHandle> firstInstances = first.process().descendants().toList();
            assertThat(firstInstances).isNotEmpty();
            try (LoadClient load = new LoadClient(url.getPort(), "/sleeper?ms=50", 4)) {
                Children.await("load is served", WAIT, () -> load.sent() > 20);
                second = ServeProcess.start(TOKEN, WAIT, args);
                assertThat(second.url().getPort()).isEqualTo(url.getPort());
                assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).as("the first gateway exits").isTrue();
                assertThat(first.process().exitValue()).isZero();
                long atExit = load.sent();
                Children.await("the second gateway serves the load", WAIT, () -> load.sent() > atExit + 20);
                load.close();
                System.out.println("graceful restart under load: " + load);
                assertThat(load.refused()).as(load.toString()).isZero();
                assertThat(load.noAnswer()).as(load.toString()).isZero();
                assertThat(load.statuses()).as(load.toString()).containsOnlyKeys(200);
                assertThat(load.connections()).as("connections were closed and made again").isGreaterThan(4);
            }
            Children.await("the first gateway's instances are gone", WAIT,
                    () -> firstInstances.stream().noneMatch(ProcessHandle::isAlive));
            JsonNode sleeper = Json.tree(Http.send(java.net.http.HttpRequest.newBuilder(url.resolve(
                    "/system/function/sleeper")).header("authorization", "Bearer " + TOKEN)).body()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(sleeper.path("fnkit").path("instances").size()).as(sleeper.toString()).isPositive();
            try (var appDirs = Files.list(data.resolve("apps"))) {
                for (Path app : appDirs.toList()) {
                    assertThat(Json.tree(Files.readAllBytes(app.resolve("deployment.json"))).path("revision").asInt())
                            .as("the app given again on the command line is not redeployed").isEqualTo(1);
                }
            }
            second.process().destroy();
            assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(data.resolve(HandoffSocket.FILE)).doesNotExist();
        } finally {
            first.kill();
            if (second != null) {
                second.kill();
            }
        }
    }
}
