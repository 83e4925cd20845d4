package dev.fnkit.local.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.SetCookie;
import dev.fnkit.core.Application;
import dev.fnkit.local.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local runner end to end: fuzzed bytes over a loopback socket to a real {@link LocalServer}. Its functions never
 * fail themselves, so every answer must be below 500 (4xx as problem+json) or a clean close of framing that is not
 * HTTP; a hang is caught by the client's socket timeout, and the server's short read timeout ends inputs that stop
 * mid-request.
 */
class LocalServerFuzzTest {
    /** A typed function's input. */
    record Greeting(String name, int times) {
    }

    /** Headers the server writes itself, whatever the function sets. */
    private static final Set<String> SERVER_HEADERS = Set.of("content-length", "content-type", "connection",
            "transfer-encoding", "keep-alive", "set-cookie", "x-request-id");
    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    private static LocalServer server;

    @BeforeAll
    static void start() {
        server = LocalServer.builder().application("fuzz", Application.of(functions -> {
            functions.http("echo", (request, context) -> HttpResponse.builder()
                            .header("x-params", String.valueOf(request.pathParameters().size()))
                            .header("x-cookies", String.valueOf(request.cookies().size()))
                            .header("x-query", String.valueOf(request.query().asMap().size()))
                            .body(request.body()).build())
                    .route("GET", "/items/{id}").route("POST", "/files/{+path}").route("/echo");
            functions.http("reflect", LocalServerFuzzTest::reflect).route("POST", "/reflect");
            functions.typed("greet", Greeting.class, (in, context) -> Map.of("greeting", String.valueOf(in)));
            functions.queue("orders", "orders-queue", QueueMessage.class, (event, context) -> event.data().text());
        })).port(0).maxBodyBytes(4096).requestReadTimeout(Duration.ofMillis(250)).out(DISCARD).log(DISCARD)
                .reload(false).start();
    }

    static int port() {
        return server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Any bytes as a request; a head without its empty line gets one, so that most inputs are whole requests. */
    @FuzzTest(maxDuration = "30s")
    void http(byte[] input) throws IOException {
        allowLoopback();
        String text = new String(input, StandardCharsets.ISO_8859_1);
        byte[] request = text.contains("\r\n\r\n") || text.contains("\n\n") ? input
                : (text + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        WireResponse response = WireResponse.exchange(server.port(), request);
        if (response == null) {
            return;
        }
        assertThat(response.status()).as("status for %s", text).isBetween(200, 499);
        if (response.status() >= 400) {
            assertThat(response.all("content-type")).as("content type of a %s", response.status())
                    .containsExactly("application/problem+json");
        }
    }

    /**
     * A function echoing the request body into a response header and a cookie (body lines: header name, header
     * value, cookie name, cookie value, cookie path): the wire response holds exactly that header and that cookie,
     * or none when the builder refused them (a control character) or the server did (a name that is not a token:
     * a 500, as for any response the function got wrong), never a line the function did not set.
     */
    @FuzzTest(maxDuration = "30s")
    void responseHeaders(byte[] body) throws IOException {
        allowLoopback();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /reflect HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);
        WireResponse response = WireResponse.exchange(server.port(), request.toByteArray());
        assertThat(response).as("a response").isNotNull();
        String[] lines = lines(body);
        if (response.status() == 422) {
            return;
        }
        if (!lines[0].matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            assertThat(response.status()).as("a header name that is not a token, refused by the server").isEqualTo(500);
            assertThat(response.all("set-cookie")).isEmpty();
            return;
        }
        assertThat(response.status()).isEqualTo(200);
        String name = lines[0].toLowerCase(Locale.ROOT);
        List<String[]> own = response.headers().stream().filter(h -> !SERVER_HEADERS.contains(h[0])).toList();
        if (SERVER_HEADERS.contains(name)) {
            assertThat(own).isEmpty();
        } else {
            assertThat(own).hasSize(1);
            assertThat(own.get(0)[0]).isEqualTo(name);
            if (lines[1].chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                assertThat(own.get(0)[1]).isEqualTo(lines[1].strip());
            }
        }
        if (!name.equals("set-cookie")) {
            assertThat(response.all("set-cookie")).hasSize(1);
            assertThat(response.all("set-cookie").get(0)).startsWith(lines[2] + "=");
        }
    }

    /** Tells Jazzer's request-forgery detector that connecting to the server under test is the point. */
    private static void allowLoopback() {
        BugDetectors.allowNetworkConnections((host, port) -> port == server.port());
    }

    private static HttpResponse reflect(dev.fnkit.api.HttpRequest request, dev.fnkit.api.Context context) {
        String[] lines = lines(request.body().bytes());
        try {
            return HttpResponse.builder().header(lines[0], lines[1])
                    .cookie(SetCookie.of(lines[2], lines[3]).withPath(lines[4].isEmpty() ? null : lines[4]))
                    .text("reflected");
        } catch (IllegalArgumentException e) {
            return HttpResponse.builder().status(422).text("refused: " + e.getMessage());
        }
    }

    private static String[] lines(byte[] body) {
        String[] parts = new String(body, StandardCharsets.UTF_8).split("\n", 5);
        String[] lines = {"x-echo", "", "c", "", ""};
        System.arraycopy(parts, 0, lines, 0, Math.min(parts.length, lines.length));
        return lines;
    }
}
