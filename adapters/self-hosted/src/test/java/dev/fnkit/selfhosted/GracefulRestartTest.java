package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.fnkit.core.Json;
import dev.fnkit.local.NettyTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A graceful restart: a second {@code fnkit serve} on the data directory of a running one takes over its listening
 * socket under steady load; no request fails, none is refused, every asynchronous call accepted by either is
 * delivered, the first process exits with its instances, and the app named on the command line is not deployed again.
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
            Children.await("sleeper has a ready instance (its 4 s timeout may pass on a busy machine)", WAIT,
                    () -> Http.get(url, "/sleeper?ms=1").statusCode() == 200);
            List<ProcessHandle> firstInstances = first.process().descendants().toList();
            assertThat(firstInstances).isNotEmpty();
            Set<String> delivered = ConcurrentHashMap.newKeySet();
            HttpServer callbacks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            callbacks.createContext("/", exchange -> {
                delivered.add(exchange.getRequestHeaders().getFirst("X-Call-Id"));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            callbacks.start();
            try (LoadClient load = new LoadClient(url.getPort(), "/sleeper?ms=50", 4);
                 LoadClient async = new LoadClient(url.getPort(), "/async-function/sleeper/sleeper?ms=5",
                         "X-Callback-Url: http://127.0.0.1:" + callbacks.getAddress().getPort() + "/done\r\n", 1)) {
                Children.await("load is served", WAIT, () -> load.sent() > 20 && async.sent() > 5);
                second = ServeProcess.start(TOKEN, WAIT, args);
                assertThat(second.url().getPort()).isEqualTo(url.getPort());
                assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).as("the first gateway exits").isTrue();
                assertThat(first.process().exitValue()).isZero();
                long atExit = load.sent();
                Children.await("the second gateway serves the load", WAIT, () -> load.sent() > atExit + 20);
                load.close();
                async.close();
                System.out.println("graceful restart under load: " + load + "; asynchronous: " + async);
                assertThat(load.refused()).as(load.toString()).isZero();
                assertThat(load.noAnswer()).as(load.toString()).isZero();
                assertThat(load.statuses()).as(load.toString()).containsOnlyKeys(200);
                assertThat(load.connections()).as("connections were closed and made again").isGreaterThan(4);
                assertThat(async.statuses()).as(async.toString()).containsOnlyKeys(202);
                assertThat(async.refused() + async.noAnswer()).as(async.toString()).isZero();
                Children.await("every accepted asynchronous call is delivered", WAIT,
                        () -> delivered.containsAll(async.callIds()));
            } finally {
                callbacks.stop(0);
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
