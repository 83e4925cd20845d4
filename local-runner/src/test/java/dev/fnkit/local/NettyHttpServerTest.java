package dev.fnkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.SetCookie;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class NettyHttpServerTest {
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
    private NettyHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private NettyHttpServer start(NettyHttpServer.Builder builder) {
        server = builder.port(0).errors(new PrintStream(errors, true, StandardCharsets.UTF_8)).start();
        return server;
    }

    private NettyHttpServer start() {
        return start(NettyHttpServer.builder().maxBodyBytes(1000).maxHeaderBytes(1024).maxRequestLineBytes(512)
                .handler(this::handle));
    }

    private HttpResponse handle(HttpRequest request) {
        handled.add(request.path());
        return switch (request.path()) {
            case "/boom" -> throw new IllegalStateException("internal detail");
            case "/cookies" -> HttpResponse.builder().cookie(SetCookie.of("a", "1")).cookie(SetCookie.of("b", "2"))
                    .text("ok");
            case "/close" -> HttpResponse.builder().header("connection", "close").text("bye");
            case "/headers" -> HttpResponse.text(String.join(",", request.headers().names()));
            default -> HttpResponse.text("you asked for " + request.path());
        };
    }

    @Test
    void listensOnAnEphemeralPortOfTheLoopbackAddress() {
        start();
        assertThat(server.port()).isPositive();
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    }

    @ParameterizedTest(name = "native transport {0}")
    @ValueSource(booleans = {false, true})
    void servesAUnixDomainSocketBesidesItsPortAndRemovesItOnClose(boolean nativeTransport,
                                                                  @TempDir java.nio.file.Path directory)
            throws Exception {
        java.nio.file.Path socket = directory.resolve("s.sock");
        try (java.nio.channels.ServerSocketChannel crashed = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            crashed.bind(java.net.UnixDomainSocketAddress.of(socket)); // closing leaves the file, as a crash does
        }
        start(NettyHttpServer.builder().unixSocket(socket).nativeTransport(nativeTransport).handler(this::handle));
        assertThat(server.unixSocket()).contains(socket);
        try (java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(socket))) {
            channel.write(java.nio.ByteBuffer.wrap("GET /over-the-socket HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            java.nio.ByteBuffer answer = java.nio.ByteBuffer.allocate(4096);
            String text = "";
            while (!text.endsWith("you asked for /over-the-socket") && channel.read(answer) > 0) {
                text = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
            }
            assertThat(text).startsWith("HTTP/1.1 200 OK").endsWith("you asked for /over-the-socket");
        }
        assertServing();
        server.close();
        assertThat(socket).doesNotExist();
    }

    @Test
    void aFileThatIsNotASocketIsNeverReplaced(@TempDir java.nio.file.Path directory) throws Exception {
        java.nio.file.Path file = directory.resolve("data.txt");
        java.nio.file.Files.writeString(file, "keep me");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(NettyHttpServer.builder().unixSocket(file)
                        .handler(this::handle)))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("Unix domain socket");
        assertThat(file).hasContent("keep me");
    }

    @Test
    void malformedRequestIs400AndTheServerKeepsServing() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send("GARBAGE\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(400);
            assertProblem(response, 400, "malformed-request");
            assertThat(http.closedByServer()).isTrue();
        }
        assertServing();
    }

    @Test
    void invalidHeaderIs400() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send("GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n").read();
            assertProblem(response, 400, "malformed-request");
        }
        assertServing();
    }

    @Test
    void headersOverTheLimitAre431() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2000)
                    + "\r\n\r\n").read();
            assertProblem(response, 431, "header-too-large");
        }
        assertServing();
    }

    @Test
    void requestLineOverTheLimitIs414() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send("GET /" + "a".repeat(1000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .read();
            assertProblem(response, 414, "uri-too-long");
        }
        assertServing();
    }

    @Test
    void bodyOverTheLimitIs413AndTheConnectionServesTheNextRequest() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n" + "b".repeat(2000)
                    + "GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
            assertProblem(http.read(), 413, "body-too-large");
            RawHttp.Response next = http.read();
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.text()).isEqualTo("you asked for /after");
        }
        assertThat(handled).containsExactly("/after");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            String chunk = "c".repeat(600);
            http.send("POST /big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n");
            assertProblem(http.read(), 413, "body-too-large");
        }
        assertServing();
    }

    @Test
    void expectContinueOverTheLimitIs413() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("POST /big HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n");
            assertProblem(http.read(), 413, "body-too-large");
        }
        assertServing();
    }

    @Test
    void handlerFailureIs500WithoutDetailAndIsReportedToTheErrorStream() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertProblem(response, 500, "internal-error");
            assertThat(response.text()).doesNotContain("Exception", "at ", "internal detail");
            RawHttp.Response next = http.send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(next.status()).isEqualTo(200);
        }
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("internal detail");
    }

    @Test
    void setCookieHeadersAreWrittenSeparately() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send("GET /cookies HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(response.header("set-cookie")).containsExactly("a=1", "b=2");
        }
    }

    @Test
    void headHasTheLengthButNoBody() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\nGET /g HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response head = http.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).containsExactly(String.valueOf("you asked for /h".length()));
            RawHttp.Response get = http.read();
            assertThat(get.text()).isEqualTo("you asked for /g");
        }
    }

    @Test
    void hopByHopHeadersAreNotPassedOn() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send("GET /headers HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: Upgrade, HTTP2-Settings, X-Hop\r\nUpgrade: h2c\r\nHTTP2-Settings: AAEA\r\n"
                    + "X-Hop: 1\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nX-Kept: 2\r\n\r\n").read();
            assertThat(response.text()).isEqualTo("host,x-kept");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                requests.append("GET /").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            http.send(requests.toString());
            for (int i = 0; i < 5; i++) {
                assertThat(http.read().text()).isEqualTo("you asked for /" + i);
            }
        }
        assertThat(handled).containsExactly("/0", "/1", "/2", "/3", "/4");
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send("GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read();
            assertThat(response.header("connection")).containsExactly("close");
            assertThat(http.closedByServer()).isTrue();
        }
        try (RawHttp http = new RawHttp(server.port())) {
            assertThat(http.send("GET /x HTTP/1.0\r\n\r\n").read().status()).isEqualTo(200);
            assertThat(http.closedByServer()).isTrue();
        }
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send("GET /close HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(response.text()).isEqualTo("bye");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void http10KeepAliveIsHonoured() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response first = http.send("GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertThat(first.header("connection")).containsExactly("keep-alive");
            assertThat(http.send("GET /2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read().text())
                    .isEqualTo("you asked for /2");
        }
    }

    @Test
    void aFullWorkerPoolAnswers503() throws Exception {
        assertAFullWorkerPoolAnswers503(blocking -> NettyHttpServer.builder().handler(blocking));
    }

    @Test
    void aFullWorkerPoolRefusesOffloadedStepsWith503() throws Exception {
        assertAFullWorkerPoolAnswers503(blocking -> NettyHttpServer.builder().handlerOnEventLoop(true)
                .connectionHandler((request, connection) -> connection.offload(() ->
                        CompletableFuture.completedFuture(blocking.apply(request)))));
    }

    private void assertAFullWorkerPoolAnswers503(
            Function<Function<HttpRequest, HttpResponse>, NettyHttpServer.Builder> server) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Function<HttpRequest, HttpResponse> blocking = request -> {
            if (request.path().equals("/block")) {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return HttpResponse.text("done " + request.path());
        };
        start(server.apply(blocking).workerThreads(1).queueCapacity(1));
        try (RawHttp first = new RawHttp(this.server.port()); RawHttp second = new RawHttp(this.server.port());
             RawHttp third = new RawHttp(this.server.port())) {
            first.send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            second.send("GET /2 HTTP/1.1\r\nHost: x\r\n\r\n");
            third.send("GET /3 HTTP/1.1\r\nHost: x\r\n\r\n");
            CompletableFuture<RawHttp.Response> secondResponse = read(second);
            CompletableFuture<RawHttp.Response> thirdResponse = read(third);
            RawHttp.Response earliest = (RawHttp.Response) CompletableFuture.anyOf(secondResponse, thirdResponse)
                    .get(30, TimeUnit.SECONDS);
            assertProblem(earliest, 503, "server-busy");
            release.countDown();
            assertThat(first.read().status()).isEqualTo(200);
            assertThat(List.of(secondResponse.get(30, TimeUnit.SECONDS).status(),
                    thirdResponse.get(30, TimeUnit.SECONDS).status())).containsExactlyInAnyOrder(200, 503);
        }
    }

    private static CompletableFuture<RawHttp.Response> read(RawHttp http) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return http.read();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, task -> new Thread(task, "test-reader").start());
    }

    @Test
    void asyncHandlersAnswerWhenTheirStageCompletes() throws Exception {
        start(NettyHttpServer.builder().asyncHandler(request -> CompletableFuture
                .supplyAsync(() -> HttpResponse.text("later"))));
        try (RawHttp http = new RawHttp(server.port())) {
            assertThat(http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().text()).isEqualTo("later");
        }
    }

    @Test
    void closeWritesTheResponseOfARequestInFlight() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
        start(NettyHttpServer.builder().asyncHandler(request -> {
            received.countDown();
            return answer;
        }));
        String body = "x".repeat(1024 * 1024);
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(received.await(30, TimeUnit.SECONDS)).isTrue();
            int port = server.port();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            awaitRefused(port);
            assertThat(closing).isNotDone();
            answer.complete(HttpResponse.text(body));
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo(body);
            assertThat(response.header("connection")).containsExactly("close");
            closing.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aHandlerOnTheEventLoopLearnsItsConnectionsLoop() throws Exception {
        start(NettyHttpServer.builder().handlerOnEventLoop(true).connectionHandler((request, connection) ->
                CompletableFuture.completedFuture(HttpResponse.text(
                        connection.eventLoop().inEventLoop() + " " + request.path()))));
        try (RawHttp http = new RawHttp(server.port())) {
            assertThat(http.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n").read().text()).isEqualTo("true /a");
            assertThat(http.send("GET /b HTTP/1.1\r\nHost: x\r\n\r\n").read().text()).isEqualTo("true /b");
        }
    }

    @ParameterizedTest(name = "native transport {0}")
    @ValueSource(booleans = {false, true})
    void loopsThatSpinWhenQuietServeTimeOutAndSleepWhenIdle(boolean nativeTransport) throws Exception {
        start(NettyHttpServer.builder().nativeTransport(nativeTransport).ioThreads(1)
                .idleSpin(Duration.ofMillis(5)).requestReadTimeout(Duration.ofMillis(300)).handler(this::handle));
        try (RawHttp http = new RawHttp(server.port())) {
            for (int i = 0; i < 200; i++) {
                assertThat(http.send("GET /" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").read().text())
                        .isEqualTo("you asked for /" + i);
            }
        }
        try (RawHttp http = new RawHttp(server.port())) {
            assertProblem(http.send("POST /never-finished HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{")
                    .read(), 408, "request-timeout");
        }
        long cpuBefore = ioThreadsCpuNanos();
        Thread.sleep(500);
        assertThat(ioThreadsCpuNanos() - cpuBefore).as("CPU time of idle event loops")
                .isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
        assertServing();
    }

    private static long ioThreadsCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("fnkit-http-io")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** Waits until the server takes no more connections. */
    private static void awaitRefused(int port) {
        while (true) {
            try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                Thread.onSpinWait();
            } catch (java.io.IOException refused) {
                return;
            }
        }
    }

    private void assertServing() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send("GET /still-serving HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("you asked for /still-serving");
        }
    }

    private static void assertProblem(RawHttp.Response response, int status, String code) throws Exception {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("content-type")).containsExactly("application/problem+json");
        JsonNode problem = Json.mapper().readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
    }
}
