package dev.fnkit.selfhosted;

import dev.fnkit.api.HttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseReaderTest {
    private static final String CHUNKED = "HTTP/1.1 201 Created\r\n"
            + "Content-Type: text/plain\r\n"
            + "Transfer-Encoding: chunked\r\n"
            + "X-Multi: a\r\n"
            + "x-multi: b\r\n"
            + "\r\n"
            + "5;name=value\r\nhello\r\n"
            + "C\r\n, wide world\r\n"
            + "0\r\n"
            + "Trailer-Header: dropped\r\n"
            + "\r\n";

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    /** Feeds the text in pieces of {@code step} bytes; the response, or null when none completed. */
    private static HttpResponse read(ResponseReader reader, String text, int step) throws ResponseReader.Malformed {
        HttpResponse response = null;
        for (int at = 0; at < text.length(); at += step) {
            ByteBuf piece = bytes(text.substring(at, Math.min(text.length(), at + step)));
            try {
                HttpResponse read = reader.read(piece);
                if (read != null) {
                    assertThat(response).as("one response").isNull();
                    response = read;
                }
            } finally {
                piece.release();
            }
        }
        return response;
    }

    private static HttpResponse read(String text) throws ResponseReader.Malformed {
        ResponseReader reader = new ResponseReader(1024);
        reader.expect(false);
        return read(reader, text, text.length());
    }

    @Test
    void readsAResponseWithAContentLengthLeavingOutFramingAndHopByHopHeaders() throws Exception {
        ResponseReader reader = new ResponseReader(1024);
        reader.expect(false);
        HttpResponse response = read(reader, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: keep-alive\r\n"
                + "Keep-Alive: timeout=5\r\nContent-Type: text/plain\r\nX-Empty:\r\n\r\nhello", 1000);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().text()).isEqualTo("hello");
        assertThat(response.headers().asMap()).containsOnlyKeys("content-type", "x-empty");
        assertThat(response.headers().first("x-empty")).hasValue("");
        assertThat(reader.reusable()).isTrue();
        assertThat(reader.reading()).isFalse();
    }

    @Test
    void readsAChunkedResponseSplitAtEveryByte() throws Exception {
        for (int step : List.of(1, 2, 3, 7, 64, CHUNKED.length())) {
            ResponseReader reader = new ResponseReader(1024);
            reader.expect(false);
            HttpResponse response = read(reader, CHUNKED, step);
            assertThat(response).as("step " + step).isNotNull();
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.body().text()).isEqualTo("hello, wide world");
            assertThat(response.headers().all("x-multi")).containsExactly("a", "b");
            assertThat(response.headers().contains("transfer-encoding")).isFalse();
            assertThat(response.headers().contains("trailer-header")).isFalse();
            assertThat(reader.reusable()).isTrue();
        }
    }

    @Test
    void readsOneResponseAfterAnotherOnTheSameConnection() throws Exception {
        ResponseReader reader = new ResponseReader(1024);
        reader.expect(false);
        assertThat(read(reader, CHUNKED, 5).body().text()).isEqualTo("hello, wide world");
        reader.expect(false);
        assertThat(read(reader, "HTTP/1.1 404 Not Found\r\ncontent-length: 2\r\n\r\nno", 3).status()).isEqualTo(404);
    }

    @Test
    void aBodyWithoutLengthEndsWithTheConnection() throws Exception {
        ResponseReader reader = new ResponseReader(1024);
        reader.expect(false);
        assertThat(read(reader, "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\nall of ", 4)).isNull();
        assertThat(read(reader, "this", 4)).isNull();
        assertThat(reader.delimitedByClose()).isTrue();
        HttpResponse response = reader.closed();
        assertThat(response.body().text()).isEqualTo("all of this");
        assertThat(reader.reusable()).isFalse();

        reader.expect(false);
        assertThat(read(reader, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzz", 100)).isNull();
        assertThat(reader.closed().body().text()).isEqualTo("zz");
    }

    @Test
    void aConnectionEndingMidResponseGivesNoResponse() throws Exception {
        ResponseReader reader = new ResponseReader(1024);
        reader.expect(false);
        assertThat(read(reader, "HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nshort", 100)).isNull();
        assertThat(reader.closed()).isNull();
        reader.expect(false);
        assertThat(read(reader, "HTTP/1.1 200 OK\r\ncontent-le", 100)).isNull();
        assertThat(reader.closed()).isNull();
    }

    @Test
    void responsesWithoutABody() throws Exception {
        ResponseReader reader = new ResponseReader(1024);
        reader.expect(true);
        HttpResponse head = read(reader, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n", 100);
        assertThat(head.body().isEmpty()).isTrue();
        assertThat(reader.reusable()).isTrue();
        for (int status : List.of(204, 304)) {
            reader.expect(false);
            HttpResponse empty = read(reader, "HTTP/1.1 " + status + " X\r\nTransfer-Encoding: chunked\r\n\r\n", 100);
            assertThat(empty.status()).isEqualTo(status);
            assertThat(empty.body().isEmpty()).isTrue();
            assertThat(reader.reusable()).isTrue();
        }
    }

    @Test
    void skipsInterimResponses() throws Exception {
        HttpResponse response = read("HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().names()).isEmpty();
        assertThat(response.body().text()).isEqualTo("ok");
    }

    @Test
    void keepsTheConnectionOnlyWhenTheInstanceDoes() throws Exception {
        ResponseReader reader = new ResponseReader(1024);
        String[][] cases = {
                {"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", "false"},
                {"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", "false"},
                {"HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n", "true"},
                {"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\n", "false"},
                {"HTTP/1.1 200\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n", "true"},
        };
        for (String[] example : cases) {
            reader.expect(false);
            assertThat(read(reader, example[0], 100)).as(example[0]).isNotNull();
            assertThat(reader.reusable()).as(example[0]).isEqualTo(Boolean.parseBoolean(example[1]));
        }
    }

    @Test
    void joinsFoldedHeaderLines() throws Exception {
        HttpResponse response = read("HTTP/1.1 200 OK\r\nX-Folded: one\r\n  two\r\n\tthree\r\nContent-Length: 0\r\n\r\n");
        assertThat(response.headers().first("x-folded")).hasValue("one two three");
    }

    @Test
    void acceptsBareLineFeeds() throws Exception {
        HttpResponse response = read("HTTP/1.1 200 OK\nContent-Length: 2\n\nok");
        assertThat(response.body().text()).isEqualTo("ok");
    }

    @Test
    void rejectsWhatIsNotAResponse() {
        String[][] cases = {
                {"SSH-2.0-OpenSSH_9.2\r\n\r\n", "not an HTTP/1.x status line"},
                {"HTTP/2.0 200 OK\r\n\r\n", "not an HTTP/1.x status line"},
                {"HTTP/1.1 2OO OK\r\n\r\n", "not an HTTP/1.x status line"},
                {"HTTP/1.1 099 Low\r\n\r\n", "is not an HTTP status"},
                {"HTTP/1.1 911 High\r\n\r\n", "is not an HTTP status"},
                {"HTTP/1.1 101 Switching Protocols\r\n\r\n", "switched protocols"},
                {"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "not a header line"},
                {"HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "not a header name"},
                {"HTTP/1.1 200 OK\r\n folded: x\r\n\r\n", "starts with a continuation line"},
                {"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "two different Content-Length"},
                {"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "not a Content-Length"},
                {"HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n", "larger than the limit of 1024 bytes"},
                {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "not a chunk size"},
                {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", "longer than its size says"},
                {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n401\r\n", "larger than the limit"},
                {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3ff\r\n" + "a".repeat(1023)
                        + "\r\n2\r\n", "larger than the limit"},
        };
        for (String[] example : cases) {
            assertThatThrownBy(() -> read(example[0])).as(example[0])
                    .isInstanceOf(ResponseReader.Malformed.class).hasMessageContaining(example[1]);
        }
    }

    @Test
    void rejectsAnOversizeHeadWithoutWaitingForItsEnd() {
        ResponseReader reader = new ResponseReader(1024);
        reader.expect(false);
        String header = "X-Big: " + "b".repeat(1000) + "\r\n";
        assertThatThrownBy(() -> {
            read(reader, "HTTP/1.1 200 OK\r\n", 100);
            for (int i = 0; i < 70; i++) {
                read(reader, header, 500);
            }
        }).isInstanceOf(ResponseReader.Malformed.class).hasMessageContaining("longer than");
        reader.release();
    }

    @Test
    void anOversizeBodyWithoutLengthIsRejected() throws Exception {
        ResponseReader reader = new ResponseReader(1024);
        reader.expect(false);
        read(reader, "HTTP/1.1 200 OK\r\n\r\n" + "x".repeat(1000), 100);
        assertThatThrownBy(() -> read(reader, "x".repeat(100), 100))
                .isInstanceOf(ResponseReader.Malformed.class).hasMessageContaining("larger than the limit");
    }
}
