package dev.fnkit.local;

import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a connection's plain HTTP/1.1 requests itself, ahead of Netty's HTTP codec, and writes their responses:
 * nearly every request a function server gets is an origin-form {@code HTTP/1.1} request whose head and
 * {@code Content-Length} body (if any) arrive in one read, and such a request becomes a {@link Request} carrying its
 * parts straight to the portable message, without Netty's message objects, header maps or aggregation. The first
 * request that is anything else (another version, chunked, {@code Expect}, {@code Upgrade}, an absolute target,
 * obsolete line folding, a bare line feed, a part over the limits, or simply not all there yet) and everything after
 * it on the connection go to Netty's codec as bytes, at a request boundary: the codec answers what is malformed or too
 * large as before, and the connection stays on it. The codec is only put in the pipeline then, so that lean requests
 * pass no handlers that have nothing to do with them. A {@link Response} is the bytes of the answer to a {@link Request},
 * which this handler writes as they are; Netty's encoder passes it by.
 */
final class LeanHttpCodec extends ChannelDuplexHandler {
    private static final byte[] HTTP_1_1 = "HTTP/1.1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_CLOSE = "connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] STATUS_LINES = new byte[600][];

    private final int maxLineBytes;
    private final int maxHeaderBytes;
    private final int maxBodyBytes;
    private final Consumer<ChannelHandlerContext> toNetty;
    private boolean lean = true;
    private ChannelHandlerContext context;

    /**
     * @param toNetty installs Netty's codec (and what goes with it) in the pipeline, after this handler's context,
     *                once the connection leaves the lean path; until then, the connection has none
     */
    LeanHttpCodec(int maxLineBytes, int maxHeaderBytes, int maxBodyBytes, Consumer<ChannelHandlerContext> toNetty) {
        this.maxLineBytes = maxLineBytes;
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
        this.toNetty = toNetty;
    }

    /** A plain request read whole: the parts of its portable message, and how the connection goes on after it. */
    static final class Request {
        private final String method;
        private final String target;
        private final Headers.Builder headers;
        private final Set<String> connectionOptions;
        private final byte[] body;
        private final boolean keepAlive;

        private Request(String method, String target, Headers.Builder headers, Set<String> connectionOptions,
                        byte[] body, boolean keepAlive) {
            this.method = method;
            this.target = target;
            this.headers = headers;
            this.connectionOptions = connectionOptions;
            this.body = body;
            this.keepAlive = keepAlive;
        }

        boolean head() {
            return method.equals("HEAD");
        }

        boolean keepAlive() {
            return keepAlive;
        }

        /**
         * The portable request, as {@link NettyMessages#toRequest(io.netty.handler.codec.http.FullHttpRequest,
         * String)} makes it.
         *
         * @throws dev.fnkit.api.FunctionException 400 for a malformed query
         */
        HttpRequest toRequest(String sourceIp) {
            if (connectionOptions != null) {
                connectionOptions.forEach(headers::remove);
            }
            return NettyMessages.toRequest(method, target, headers, body, sourceIp);
        }
    }

    /** The bytes of the response to a {@link Request}. */
    record Response(ByteBuf bytes) {
    }

    /**
     * The response to a {@link Request} as bytes: every header value on a line of its own (but those the server
     * manages), {@code Content-Length} from the body, which is left out for a HEAD request, and
     * {@code Connection: close} when the connection closes after it.
     *
     * @throws IllegalArgumentException when a header name or value cannot be written in an HTTP/1.1 head
     */
    static Response encode(ByteBufAllocator allocator, HttpResponse response, boolean head, boolean close) {
        byte[] body = response.body().bytes();
        int code = response.status();
        boolean bodiless = code < 200 || code == 204 || code == 304;
        boolean withBody = !head && !bodiless;
        ByteBuf out = allocator.buffer(256 + (withBody ? Http1.copiedBodyBytes(body) : 0));
        try {
            out.writeBytes(statusLine(code));
            response.headers().forEach((name, value) -> {
                if (!NettyMessages.managed(name)) {
                    if (!Http1.isToken(name)) {
                        throw new IllegalArgumentException("'" + name + "' is not a header name");
                    }
                    checkValue(name, value);
                    Http1.writeHeader(out, name, value);
                }
            });
            if (!bodiless) {
                out.writeBytes(CONTENT_LENGTH);
                ByteBufUtil.writeAscii(out, Integer.toString(body.length));
                Http1.writeLineEnd(out);
            }
            if (close) {
                out.writeBytes(CONNECTION_CLOSE);
            }
            Http1.writeLineEnd(out);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        return new Response(withBody ? Http1.withBody(out, body) : out);
    }

    private static byte[] statusLine(int code) {
        byte[] line = code < STATUS_LINES.length ? STATUS_LINES[code] : null;
        if (line == null) {
            line = ("HTTP/1.1 " + code + " " + HttpResponseStatus.valueOf(code).reasonPhrase() + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            if (code < STATUS_LINES.length) {
                STATUS_LINES[code] = line;
            }
        }
        return line;
    }

    private static void checkValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' && c != '\t' || c == 127 || c > 255) {
                throw new IllegalArgumentException("the value of header '" + name
                        + "' has a character an HTTP/1.1 head cannot carry");
            }
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    /**
     * Hands the connection to Netty's codec now, for a response written as Netty messages (a stream); nothing lean
     * may be in flight. Called on the connection's event loop.
     */
    void leave() {
        if (lean) {
            lean = false;
            toNetty.accept(context);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!lean || !(message instanceof ByteBuf in)) {
            ctx.fireChannelRead(message);
            return;
        }
        boolean handedOver = false;
        try {
            while (in.isReadable() && ctx.channel().isActive()) {
                Request request = read(in);
                if (request == null) {
                    leave();
                    handedOver = true;
                    ctx.fireChannelRead(in);
                    return;
                }
                ctx.fireChannelRead(request);
            }
        } finally {
            if (!handedOver) {
                in.release();
            }
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        ctx.write(message instanceof Response response ? response.bytes() : message, promise);
    }

    /**
     * The plain request at the reader index, which moves past it; or null, leaving the index, when what is there is
     * not one or not all there.
     */
    private Request read(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int lineEnd = lineEnd(in, start, (int) Math.min(end, (long) start + maxLineBytes + 2));
        if (lineEnd < 0) {
            return null;
        }
        int methodEnd = in.forEachByte(start, lineEnd - start, ByteProcessor.FIND_ASCII_SPACE);
        if (methodEnd <= start || !tokens(in, start, methodEnd)) {
            return null;
        }
        int targetStart = methodEnd + 1;
        int targetEnd = in.forEachByte(targetStart, lineEnd - targetStart, ByteProcessor.FIND_ASCII_SPACE);
        if (targetEnd <= targetStart || in.getByte(targetStart) != '/' || !visible(in, targetStart, targetEnd)
                || !http11(in, targetEnd + 1, lineEnd)) {
            return null;
        }
        Headers.Builder headers = Headers.builder();
        Set<String> options = null;
        boolean keepAlive = true;
        long contentLength = -1;
        int at = lineEnd + 2;
        int headLimit = (int) Math.min(end, (long) at + maxHeaderBytes + 2);
        while (true) {
            int eol = lineEnd(in, at, headLimit);
            if (eol < 0) {
                return null;
            }
            if (eol == at) {
                at += 2;
                break;
            }
            int colon = in.forEachByte(at, eol - at, value -> value != ':');
            if (colon <= at || !tokens(in, at, colon)) {
                return null;
            }
            int valueStart = colon + 1;
            int valueEnd = eol;
            while (valueStart < valueEnd && isSpace(in.getByte(valueStart))) {
                valueStart++;
            }
            while (valueEnd > valueStart && isSpace(in.getByte(valueEnd - 1))) {
                valueEnd--;
            }
            if (!fieldValue(in, valueStart, valueEnd)) {
                return null;
            }
            String name = in.toString(at, colon - at, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            String value = in.toString(valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
            at = eol + 2;
            switch (name) {
                case "content-length" -> {
                    if (contentLength >= 0 || (contentLength = Http1.contentLength(value)) < 0
                            || contentLength > maxBodyBytes) {
                        return null;
                    }
                    headers.add(name, value);
                }
                case "transfer-encoding", "expect", "upgrade" -> {
                    return null;
                }
                case "connection" -> {
                    for (String option : NettyMessages.connectionOptions(List.of(value))) {
                        keepAlive &= !option.equals("close");
                        if (options == null) {
                            options = new HashSet<>();
                        }
                        options.add(option);
                    }
                }
                default -> {
                    if (!NettyMessages.hopByHop(name)) {
                        headers.add(name, value);
                    }
                }
            }
        }
        int length = (int) Math.max(0, contentLength);
        if (end - at < length) {
            return null;
        }
        byte[] body = new byte[length];
        in.getBytes(at, body);
        String method = in.toString(start, methodEnd - start, StandardCharsets.US_ASCII);
        String target = in.toString(targetStart, targetEnd - targetStart, StandardCharsets.US_ASCII);
        in.readerIndex(at + length);
        return new Request(method, target, headers, options, body, keepAlive);
    }

    /** The index of the CR of the CRLF ending the line at {@code from}, or -1 when there is none before {@code limit}. */
    private static int lineEnd(ByteBuf in, int from, int limit) {
        if (limit <= from) {
            return -1;
        }
        int lf = in.forEachByte(from, limit - from, ByteProcessor.FIND_LF);
        return lf > from && in.getByte(lf - 1) == '\r' ? lf - 1 : -1;
    }

    private static boolean http11(ByteBuf in, int from, int to) {
        if (to - from != HTTP_1_1.length) {
            return false;
        }
        for (int i = 0; i < HTTP_1_1.length; i++) {
            if (in.getByte(from + i) != HTTP_1_1[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean tokens(ByteBuf in, int from, int to) {
        return in.forEachByte(from, to - from, Http1::isTokenChar) < 0;
    }

    private static boolean visible(ByteBuf in, int from, int to) {
        return in.forEachByte(from, to - from, b -> b > ' ' && b < 127) < 0;
    }

    /** Visible characters, spaces, tabs and obs-text (as Latin-1); no control characters. */
    private static boolean fieldValue(ByteBuf in, int from, int to) {
        return to == from || in.forEachByte(from, to - from, b -> b >= ' ' && b != 127 || b == '\t' || b < 0) < 0;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }
}
