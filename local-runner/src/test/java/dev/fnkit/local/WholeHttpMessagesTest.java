package dev.fnkit.local;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WholeHttpMessagesTest {
    @Test
    void requestsMadeWholeOrAggregatedComeOutTheSameAndInOrder() {
        String bodiless = "GET /a?x=1 HTTP/1.1\r\nHost: h\r\nX-One: 1\r\n\r\n";
        String sized = "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello";
        String chunked = "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        String expecting = "PUT /d HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\nok";
        String all = bodiless + sized + chunked + expecting + bodiless;

        List<FullHttpRequest> whole = requests(all, true);
        List<FullHttpRequest> aggregated = requests(all, false);

        assertThat(whole).hasSize(5);
        for (int i = 0; i < whole.size(); i++) {
            FullHttpRequest a = whole.get(i);
            FullHttpRequest b = aggregated.get(i);
            assertThat(a.method()).isEqualTo(b.method());
            assertThat(a.uri()).isEqualTo(b.uri());
            assertThat(a.headers().entries()).extracting(Object::toString)
                    .containsExactlyInAnyOrderElementsOf(b.headers().entries().stream().map(Object::toString).toList());
            assertThat(a.content().toString(StandardCharsets.UTF_8)).isEqualTo(b.content().toString(StandardCharsets.UTF_8));
            assertThat(a.decoderResult().isSuccess()).isTrue();
        }
        assertThat(whole).extracting(FullHttpRequest::uri).containsExactly("/a?x=1", "/b", "/c", "/d", "/a?x=1");
        assertThat(whole.get(2).content().toString(StandardCharsets.UTF_8)).isEqualTo("abcde");
        assertThat(whole).extracting(r -> r.getClass() == DefaultFullHttpRequest.class)
                .as("made whole here, not by the aggregator").containsExactly(true, true, false, false, true);
        whole.forEach(FullHttpRequest::release);
        aggregated.forEach(FullHttpRequest::release);
    }

    @Test
    void aBodyArrivingLaterOrOverTheLimitGoesToTheAggregator() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(), new WholeHttpMessages(4),
                new HttpObjectAggregator(1024));
        channel.writeInbound(ascii("POST /late HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n"));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(ascii("xyz"));
        FullHttpRequest late = channel.readInbound();
        assertThat(late.content().toString(StandardCharsets.UTF_8)).isEqualTo("xyz");
        late.release();

        channel.writeInbound(ascii("POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\n\r\nsixsix"));
        FullHttpRequest big = channel.readInbound();
        assertThat(big.content().toString(StandardCharsets.UTF_8)).isEqualTo("sixsix");
        big.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aResponseReadInOneGoSharesItsBuffer() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpClientCodec(), new WholeHttpMessages(1024),
                new HttpObjectAggregator(1024));
        channel.writeOutbound(new DefaultFullHttpRequest(
                io.netty.handler.codec.http.HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpMethod.GET, "/"));
        channel.releaseOutbound();
        channel.writeInbound(ascii("HTTP/1.1 201 Created\r\nContent-Length: 7\r\nX-Id: 9\r\n\r\ncreated"));
        FullHttpResponse response = channel.readInbound();
        assertThat(response).isExactlyInstanceOf(DefaultFullHttpResponse.class);
        assertThat(response.status().code()).isEqualTo(201);
        assertThat(response.headers().get("x-id")).isEqualTo("9");
        assertThat(response.content().toString(StandardCharsets.UTF_8)).isEqualTo("created");
        assertThat(response.content().refCnt()).isEqualTo(1);
        response.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static List<FullHttpRequest> requests(String bytes, boolean whole) {
        EmbeddedChannel channel = whole
                ? new EmbeddedChannel(new HttpServerCodec(), new WholeHttpMessages(1024), new BodyLimitAggregator(1024))
                : new EmbeddedChannel(new HttpServerCodec(), new BodyLimitAggregator(1024));
        channel.writeInbound(ascii(bytes));
        List<FullHttpRequest> requests = new ArrayList<>();
        for (Object read; (read = channel.readInbound()) != null; ) {
            requests.add((FullHttpRequest) read);
        }
        channel.finishAndReleaseAll();
        return requests;
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
