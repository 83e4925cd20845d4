package dev.fnkit.local;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.SetCookie;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeanHttpCodecTest {
    private static final int MAX_LINE = 512;
    private static final int MAX_HEADERS = 1024;
    private static final int MAX_BODY = 1000;

    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final List<HttpRequest> handled = new CopyOnWriteArrayList<>();
    private NettyHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A lean codec that installs Netty's after itself, as the server does. */
    private static LeanHttpCodec lean() {
        return new LeanHttpCodec(MAX_LINE, MAX_HEADERS, MAX_BODY, context -> context.pipeline()
                .addAfter(context.name(), null, new BodyLimitAggregator(MAX_BODY))
                .addAfter(context.name(), null, new WholeHttpMessages(MAX_BODY))
                .addAfter(context.name(), null, new HttpServerCodec(MAX_LINE, MAX_HEADERS, 64 * 1024)));
    }

    /** What the pipeline makes of the bytes: lean requests and Netty's full requests, in order. */
    private static List<Object> decode(String bytes, boolean lean) {
        EmbeddedChannel channel = new EmbeddedChannel();
        if (lean) {
            channel.pipeline().addLast(lean());
        } else {
            channel.pipeline().addLast(new HttpServerCodec(MAX_LINE, MAX_HEADERS, 64 * 1024),
                    new WholeHttpMessages(MAX_BODY), new BodyLimitAggregator(MAX_BODY));
        }
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        List<Object> read = new ArrayList<>();
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            read.add(message);
        }
        channel.finishAndReleaseAll();
        return read;
    }

    private static HttpRequest portable(Object message) {
        if (message instanceof LeanHttpCodec.Request lean) {
            return lean.toRequest("127.0.0.1");
        }
        FullHttpRequest full = (FullHttpRequest) message;
        try {
            return NettyMessages.toRequest(full, "127.0.0.1");
        } finally {
            full.release();
        }
    }

    private static void assertSameRequest(HttpRequest lean, HttpRequest netty) {
        assertThat(lean.method()).isEqualTo(netty.method());
        assertThat(lean.path()).isEqualTo(netty.path());
        assertThat(lean.query().asMap()).isEqualTo(netty.query().asMap());
        assertThat(lean.headers().asMap()).isEqualTo(netty.headers().asMap());
        assertThat(lean.body().bytes()).isEqualTo(netty.body().bytes());
        assertThat(lean.sourceIp()).isEqualTo(netty.sourceIp());
    }

    @Test
    void plainRequestsBecomeTheSamePortableRequestsAsThroughNettysCodec() {
        List<String> requests = List.of(
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /hello/Ada?b=2&a=1&a=%20x#frag HTTP/1.1\r\nHost: localhost:8080\r\nAccept: */*\r\n"
                        + "X-Multi: one\r\nx-multi: two\r\nX-Empty:\r\nX-Spaces: \t padded value \t\r\n\r\n",
                "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n"
                        + "{\"id\": \"42\"}\n",
                "DELETE /orders/42 HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, X-Private\r\nX-Private: hop\r\n"
                        + "Keep-Alive: timeout=5\r\nTE: trailers\r\nProxy-Connection: x\r\nX-Kept: 1\r\n\r\n",
                "PUT /latin HTTP/1.1\r\nHost: x\r\nX-Latin: caf\u00e9\r\nContent-Length: 0\r\n\r\n",
                "GET /close HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        for (String request : requests) {
            List<Object> lean = decode(request, true);
            List<Object> netty = decode(request, false);
            assertThat(lean).as(request).hasSize(1);
            assertThat(lean.get(0)).as(request).isInstanceOf(LeanHttpCodec.Request.class);
            boolean keepAlive = HttpUtil.isKeepAlive((FullHttpRequest) netty.get(0));
            assertThat(((LeanHttpCodec.Request) lean.get(0)).keepAlive()).as(request).isEqualTo(keepAlive);
            assertSameRequest(portable(lean.get(0)), portable(netty.get(0)));
        }
    }

    @Test
    void anythingElseGoesToNettysCodecFromThatRequestOn() {
        List<String> others = List.of(
                "GET / HTTP/1.0\r\nHost: x\r\n\r\n",
                "GET http://example.com/ HTTP/1.1\r\nHost: x\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
                "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n",
                "GET / HTTP/1.1\nHost: x\n\n",
                "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\na",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n" + "b".repeat(2000),
                "GET /" + "a".repeat(MAX_LINE + 10) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(MAX_HEADERS + 10) + "\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n",
                "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n",
                "GARBAGE\r\n\r\n");
        for (String other : others) {
            String mixed = "GET /first HTTP/1.1\r\nHost: x\r\n\r\n" + other + "GET /last HTTP/1.1\r\nHost: x\r\n\r\n";
            List<Object> lean = decode(mixed, true);
            List<Object> netty = decode(mixed, false);
            assertThat(lean).as(other).hasSameSizeAs(netty);
            assertThat(lean.get(0)).isInstanceOf(LeanHttpCodec.Request.class);
            for (int i = 1; i < lean.size(); i++) {
                assertThat(lean.get(i)).as(other).isInstanceOf(FullHttpRequest.class);
            }
            assertSameRequest(portable(lean.get(0)), portable(netty.get(0)));
            lean.forEach(ReferenceCountUtil::release);
            netty.forEach(ReferenceCountUtil::release);
        }
    }

    @Test
    void aRequestNotAllThereGoesToNettysCodecWhichWaitsForTheRest() {
        EmbeddedChannel channel = new EmbeddedChannel(lean());
        channel.writeInbound(Unpooled.copiedBuffer("POST /split HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab",
                StandardCharsets.US_ASCII));
        channel.writeInbound(Unpooled.copiedBuffer("cde", StandardCharsets.US_ASCII));
        FullHttpRequest request = channel.readInbound();
        assertThat(request.content().toString(StandardCharsets.US_ASCII)).isEqualTo("abcde");
        request.release();
        channel.finishAndReleaseAll();
    }

    /** The bytes Netty's encoder writes for the response as the server converts it. */
    private static String nettyBytes(HttpResponse response, boolean head, boolean close) {
        FullHttpResponse netty = NettyMessages.toNetty(response, head);
        HttpUtil.setKeepAlive(netty.headers(), HttpVersion.HTTP_1_1, !close);
        EmbeddedChannel channel = new EmbeddedChannel(new HttpResponseEncoder());
        channel.writeOutbound(netty);
        StringBuilder bytes = new StringBuilder();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            bytes.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return bytes.toString();
    }

    private static String leanBytes(HttpResponse response, boolean head, boolean close) {
        ByteBuf bytes = LeanHttpCodec.encode(ByteBufAllocator.DEFAULT, response, head, close).bytes();
        try {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        } finally {
            bytes.release();
        }
    }

    @Test
    void responsesAreTheBytesNettysEncoderWrites() {
        List<HttpResponse> responses = List.of(
                HttpResponse.text("hello"),
                HttpResponse.builder().status(201).header("X-Request-Id", "r-1").header("connection", "keep-alive")
                        .header("transfer-encoding", "chunked").cookie(SetCookie.of("a", "1"))
                        .cookie(SetCookie.of("b", "2")).text("made"),
                HttpResponse.builder().status(204).build(),
                HttpResponse.builder().status(304).header("etag", "\"v1\"").build(),
                HttpResponse.builder().status(299).header("x-latin", "caf\u00e9").text("odd status"),
                HttpResponse.builder().status(200).body(new byte[40_000]).build(),
                HttpResponse.builder().status(500).build());
        for (HttpResponse response : responses) {
            for (boolean head : new boolean[]{false, true}) {
                for (boolean close : new boolean[]{false, true}) {
                    assertThat(leanBytes(response, head, close)).as(response + " head " + head + " close " + close)
                            .isEqualTo(nettyBytes(response, head, close));
                }
            }
        }
    }

    @Test
    void aResponseHeaderAnHttpHeadCannotCarryIsRefused() {
        assertThatThrownBy(() -> LeanHttpCodec.encode(ByteBufAllocator.DEFAULT, HttpResponse.builder()
                .header("x-split", "a\r\nSet-Cookie: evil=1").text("x"), false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x-split");
        assertThatThrownBy(() -> LeanHttpCodec.encode(ByteBufAllocator.DEFAULT, HttpResponse.builder()
                .header("bad name", "x").text("x"), false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name");
    }

    private void start() {
        server = NettyHttpServer.builder().port(0).maxBodyBytes(MAX_BODY).maxHeaderBytes(MAX_HEADERS)
                .maxRequestLineBytes(MAX_LINE).errors(new PrintStream(errors, true, StandardCharsets.UTF_8))
                .handler(request -> {
                    handled.add(request);
                    return switch (request.path()) {
                        case "/split-response" -> HttpResponse.builder().header("x-bad", "a\nb").text("x");
                        default -> HttpResponse.text(request.method() + " " + request.path() + " "
                                + request.body().text());
                    };
                }).start();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderAcrossTheSwitchToNettysCodec() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                    + "HEAD /three HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /four HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n"
                    + "GET /five HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(http.read().text()).isEqualTo("GET /one ");
            assertThat(http.read().text()).isEqualTo("POST /two abc");
            RawHttp.Response head = http.read(true);
            assertThat(head.header("content-length")).containsExactly("12");
            assertThat(http.read().text()).isEqualTo("POST /four de");
            assertThat(http.read().text()).isEqualTo("GET /five ");
            assertThat(http.send("GET /six HTTP/1.1\r\nHost: x\r\n\r\n").read().text()).isEqualTo("GET /six ");
        }
        assertThat(handled).extracting(HttpRequest::path)
                .containsExactly("/one", "/two", "/three", "/four", "/five", "/six");
    }

    @Test
    void aRequestSentInPiecesIsServed() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("POST /pieces HTTP/1.1\r\nHost: x\r\nContent-Le");
            Thread.sleep(50);
            http.send("ngth: 4\r\n\r\nab");
            Thread.sleep(50);
            assertThat(http.send("cd").read().text()).isEqualTo("POST /pieces abcd");
        }
    }

    @Test
    void aResponseTheHandlerCannotSendIsA500AndTheConnectionGoesOn() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send("GET /split-response HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.headerLines()).noneMatch(line -> line.startsWith("b"));
            assertThat(http.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n").read().text()).isEqualTo("GET /next ");
        }
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("x-bad");
    }

    @Test
    void aStreamedResponseToAPlainRequestIsWrittenByNettysCodec() throws Exception {
        server = NettyHttpServer.builder().port(0).errors(new PrintStream(errors, true, StandardCharsets.UTF_8))
                .handlerOnEventLoop(true).connectionHandler((request, connection) -> connection.stream(
                        HttpResponse.builder().header("content-type", "text/plain").build(), chunks -> {
                            chunks.write("one,".getBytes(StandardCharsets.UTF_8));
                            chunks.write("two".getBytes(StandardCharsets.UTF_8));
                            chunks.end();
                        })).start();
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("transfer-encoding: chunked\r\n")
                    .contains("connection: close\r\n").endsWith("4\r\none,\r\n3\r\ntwo\r\n0\r\n\r\n");
        }
    }

    @Test
    void aMalformedQueryIsA400AndTheConnectionGoesOn() throws Exception {
        start();
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send("GET /q?a=%zz HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("content-type")).containsExactly("application/problem+json");
            assertThat(http.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n").read().text()).isEqualTo("GET /next ");
        }
        assertThat(handled).extracting(HttpRequest::path).containsExactly("/next");
    }
}
