package dev.fnkit.samples.migration;

import dev.fnkit.core.Application;
import dev.fnkit.local.LocalServer;
import dev.fnkit.samples.migration.lambda.LambdaOrdersApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The unchanged Lambda handlers served over HTTP by the local runner ({@code fnkit run}). */
class LocalRunnerTest {
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static LocalServer server;

    @BeforeAll
    static void start() {
        PrintStream log = new PrintStream(LOG, true, StandardCharsets.UTF_8);
        server = LocalServer.builder().application("migration", Application.of(new LambdaOrdersApp())).port(0)
                .out(log).log(log).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(server.url().resolve(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    @Test
    void theHttpApiHandlerAnswersOverHttp() throws Exception {
        HttpResponse<String> created = send(post("/orders", "{\"id\":\"local-1\",\"item\":\"tea\",\"quantity\":3}"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("location")).hasValue("/orders/local-1");
        HttpResponse<String> read = send(HttpRequest.newBuilder(server.url().resolve("/orders/local-1")).GET());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"item\":\"tea\"").contains("\"status\":\"NEW\"");
        assertThat(send(post("/orders", "[]")).statusCode()).isEqualTo(400);
        assertThat(LOG.toString(StandardCharsets.UTF_8)).contains("orders-api POST /orders request");
    }

    @Test
    void theSqsConsumerReportsTheBadMessageOfABatch() throws Exception {
        HttpResponse<String> batch = send(post("/order-events",
                "[{\"id\":\"l1\",\"item\":\"jam\",\"quantity\":1},{\"id\":\"l2\",\"item\":\"jam\",\"quantity\":101}]")
                .header("x-request-id", "run"));
        assertThat(batch.statusCode()).isEqualTo(200);
        assertThat(batch.body()).isEqualTo("{\"failedItemIds\":[\"run-1\"]}");
    }
}
