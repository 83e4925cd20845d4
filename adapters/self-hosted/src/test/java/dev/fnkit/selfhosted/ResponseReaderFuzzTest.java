package dev.fnkit.selfhosted;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fnkit.api.HttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ResponseReader} with fuzzed bytes from an instance, in two reads split anywhere and then the end of the
 * connection: a response or a {@link ResponseReader.Malformed}, never another exception, a status outside
 * 100-599 or a body over the limit.
 */
class ResponseReaderFuzzTest {
    private static final int MAX_BODY = 4096;

    @FuzzTest(maxDuration = "30s")
    void response(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int split = (input[0] & 0xff) % input.length;
        ResponseReader reader = new ResponseReader(MAX_BODY);
        reader.expect((input[0] & 1) == 1);
        try {
            HttpResponse response = feed(reader, input, 1, split);
            if (response == null) {
                response = feed(reader, input, Math.max(1, split), input.length);
            }
            if (response == null) {
                response = reader.closed();
            }
            if (response != null) {
                assertThat(response.status()).isBetween(100, 599);
                assertThat(response.body().size()).isLessThanOrEqualTo(MAX_BODY);
            }
        } catch (ResponseReader.Malformed expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } finally {
            reader.release();
        }
    }

    private static HttpResponse feed(ResponseReader reader, byte[] input, int from, int to)
            throws ResponseReader.Malformed {
        if (to <= from) {
            return null;
        }
        ByteBuf piece = Unpooled.wrappedBuffer(input, from, to - from);
        try {
            return reader.read(piece);
        } finally {
            piece.release();
        }
    }
}
