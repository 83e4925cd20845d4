package dev.fnkit.selfhosted;

import dev.fnkit.api.Body;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.local.Http1;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one HTTP/1.x response at a time from the bytes of a connection to an instance, straight into a portable
 * {@link HttpResponse}: the status line and headers, then a body framed by {@code Content-Length}, by chunked
 * transfer coding (chunk extensions and trailers are dropped), or by the end of the connection; none after a
 * {@code HEAD} request or for a 204 or 304. Interim (1xx) responses are skipped. Hop-by-hop and framing headers
 * ({@code Connection}, {@code Keep-Alive}, {@code Transfer-Encoding}, {@code Content-Length}) are left out of the
 * result; whether the connection may carry another exchange is {@link #reusable()}. Anything that is not HTTP (a bad
 * status line or header, a bad or conflicting length, a head or body over the limits) is a {@link Malformed}.
 * Bytes are copied once, into the body's array; a head split across reads is kept until it is whole.
 */
final class ResponseReader {
    static final int MAX_HEAD_BYTES = 64 * 1024;

    /** The instance sent something that is not a valid HTTP/1.x response, or one over the limits. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private enum State { HEAD, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

    private final int maxBodyBytes;
    private ByteBuf partial;
    private State state = State.DONE;
    private boolean headRequest;
    private int status;
    private boolean keepAlive;
    private Headers.Builder headers;
    private String fieldName;
    private String fieldValue;
    private long contentLength;
    private boolean chunked;
    private boolean untilClose;
    private byte[] body;
    private int bodyLength;
    private long chunkLeft;
    private int headBytes;
    private boolean leftover;

    ResponseReader(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Starts reading the response to a new request; {@code head} when that was a {@code HEAD} request. */
    void expect(boolean head) {
        headRequest = head;
        startHead();
        leftover = false;
    }

    /** True while a response is expected and not yet complete. */
    boolean reading() {
        return state != State.DONE;
    }

    /** True when the response read last ends where the connection ended. */
    boolean delimitedByClose() {
        return state == State.UNTIL_CLOSE;
    }

    /**
     * Whether the connection may carry another exchange after the response read last: the instance keeps it alive,
     * the body was not delimited by its end, and no bytes followed the response.
     */
    boolean reusable() {
        return keepAlive && !untilClose && !leftover;
    }

    /**
     * Takes in bytes read from the connection (the caller keeps ownership of {@code in}).
     *
     * @return the response once complete, else null
     * @throws Malformed when the bytes are not a valid response
     */
    HttpResponse read(ByteBuf in) throws Malformed {
        if (state == State.DONE) {
            if (in.isReadable()) {
                leftover = true;
            }
            return null;
        }
        ByteBuf bytes = in;
        if (partial != null) {
            partial.writeBytes(in);
            bytes = partial;
        }
        HttpResponse response = advance(bytes);
        if (state == State.DONE && bytes.isReadable()) {
            leftover = true;
        }
        if (state != State.DONE && bytes.isReadable()) {
            if (partial == null) {
                partial = Unpooled.buffer(Math.max(256, bytes.readableBytes() * 2));
                partial.writeBytes(bytes);
            } else {
                partial.discardReadBytes();
            }
        } else if (partial != null) {
            partial.release();
            partial = null;
        }
        return response;
    }

    /**
     * The connection ended.
     *
     * @return the response when its body was delimited by the end of the connection, else null
     */
    HttpResponse closed() {
        release();
        if (state != State.UNTIL_CLOSE) {
            return null;
        }
        state = State.DONE;
        return response();
    }

    /** Frees what a partly read head holds. */
    void release() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }

    private void startHead() {
        state = State.HEAD;
        status = 0;
        headers = Headers.builder();
        fieldName = null;
        contentLength = -1;
        chunked = false;
        untilClose = false;
        keepAlive = false;
        body = null;
        bodyLength = 0;
        headBytes = 0;
    }

    private HttpResponse advance(ByteBuf in) throws Malformed {
        while (true) {
            switch (state) {
                case HEAD -> {
                    if (!readHead(in)) {
                        return null;
                    }
                }
                case FIXED, CHUNK_DATA, UNTIL_CLOSE -> {
                    long wanted = state == State.FIXED ? contentLength - bodyLength
                            : state == State.CHUNK_DATA ? chunkLeft : Integer.MAX_VALUE;
                    int take = (int) Math.min(wanted, in.readableBytes());
                    append(in, take);
                    if (state == State.UNTIL_CLOSE) {
                        return null;
                    }
                    if (state == State.FIXED) {
                        if (bodyLength < contentLength) {
                            return null;
                        }
                        state = State.DONE;
                        return response();
                    }
                    chunkLeft -= take;
                    if (chunkLeft > 0) {
                        return null;
                    }
                    state = State.CHUNK_END;
                }
                case CHUNK_SIZE -> {
                    String line = line(in, 1024, "chunk size line");
                    if (line == null) {
                        return null;
                    }
                    chunkLeft = chunkSize(line);
                    if (bodyLength + chunkLeft > maxBodyBytes) {
                        throw tooLarge();
                    }
                    state = chunkLeft == 0 ? State.TRAILERS : State.CHUNK_DATA;
                }
                case CHUNK_END -> {
                    String line = line(in, 1024, "end of a chunk");
                    if (line == null) {
                        return null;
                    }
                    if (!line.isEmpty()) {
                        throw new Malformed("a chunk is longer than its size says");
                    }
                    state = State.CHUNK_SIZE;
                }
                case TRAILERS -> {
                    String line = line(in, MAX_HEAD_BYTES, "trailer");
                    if (line == null) {
                        return null;
                    }
                    if (line.isEmpty()) {
                        state = State.DONE;
                        return response();
                    }
                }
                case DONE -> {
                    return null;
                }
            }
        }
    }

    /** Reads head lines; true once the head of a final response is complete and its body framing known. */
    private boolean readHead(ByteBuf in) throws Malformed {
        while (true) {
            int start = in.readerIndex();
            int lf = lineFeed(in, MAX_HEAD_BYTES - headBytes, "response head");
            if (lf < 0) {
                return false;
            }
            int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            in.readerIndex(lf + 1);
            headBytes += lf + 1 - start;
            if (status == 0) {
                statusLine(in.toString(start, end - start, StandardCharsets.ISO_8859_1));
            } else if (end > start) {
                header(in, start, end);
            } else if (status < 200) {
                if (status == 101) {
                    throw new Malformed("the instance switched protocols, which the gateway never asks for");
                }
                startHead();
            } else {
                frame();
                return true;
            }
        }
    }

    private void statusLine(String line) throws Malformed {
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
                || line.length() > 12 && line.charAt(12) != ' ') {
            throw new Malformed("not an HTTP/1.x status line: " + shown(line));
        }
        char minor = line.charAt(7);
        if (minor != '0' && minor != '1') {
            throw new Malformed("not an HTTP/1.x status line: " + shown(line));
        }
        int code = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new Malformed("not an HTTP/1.x status line: " + shown(line));
            }
            code = code * 10 + c - '0';
        }
        if (code < 100 || code > 599) {
            throw new Malformed("status " + code + " is not an HTTP status");
        }
        status = code;
        keepAlive = minor == '1';
    }

    /**
     * Takes the header line between {@code start} and {@code end}; a line folded onto it (obsolete, but allowed in
     * responses) joins it with a space.
     */
    private void header(ByteBuf in, int start, int end) throws Malformed {
        byte first = in.getByte(start);
        if (first == ' ' || first == '\t') {
            if (fieldName == null) {
                throw new Malformed("the response head starts with a continuation line");
            }
            String more = text(in, start, end);
            fieldValue = fieldValue.isEmpty() ? more : more.isEmpty() ? fieldValue : fieldValue + " " + more;
            return;
        }
        int colon = in.forEachByte(start, end - start, b -> b != ':');
        if (colon <= start) {
            throw new Malformed("not a header line: " + shown(in.toString(start, end - start,
                    StandardCharsets.ISO_8859_1)));
        }
        if (in.forEachByte(start, colon - start, Http1::isTokenChar) >= 0) {
            throw new Malformed("not a header name: " + shown(in.toString(start, colon - start,
                    StandardCharsets.ISO_8859_1)));
        }
        field();
        fieldName = in.toString(start, colon - start, StandardCharsets.US_ASCII);
        fieldValue = text(in, colon + 1, end);
    }

    /** The text between the indexes without the spaces and tabs around it. */
    private static String text(ByteBuf in, int from, int to) {
        while (from < to && isSpace(in.getByte(from))) {
            from++;
        }
        while (to > from && isSpace(in.getByte(to - 1))) {
            to--;
        }
        return to == from ? "" : in.toString(from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Takes in the header read last, if any. */
    private void field() throws Malformed {
        String name = fieldName;
        String value = fieldValue;
        if (name == null) {
            return;
        }
        fieldName = null;
        if (name.equalsIgnoreCase("content-length")) {
            long length = contentLength(value);
            if (contentLength >= 0 && contentLength != length) {
                throw new Malformed("the response has two different Content-Length headers");
            }
            contentLength = length;
        } else if (name.equalsIgnoreCase("transfer-encoding")) {
            int comma = value.lastIndexOf(',');
            chunked = value.substring(comma + 1).strip().equalsIgnoreCase("chunked");
            untilClose = !chunked;
        } else if (name.equalsIgnoreCase("connection")) {
            for (String token : value.split(",")) {
                String option = token.strip();
                if (option.equalsIgnoreCase("close")) {
                    keepAlive = false;
                } else if (option.equalsIgnoreCase("keep-alive")) {
                    keepAlive = true;
                }
            }
        } else if (!name.equalsIgnoreCase("keep-alive")) {
            headers.add(name, value);
        }
    }

    /** Decides how the body is delimited, once the head is read. */
    private void frame() throws Malformed {
        field();
        if (headRequest || status == 204 || status == 304) {
            chunked = false;
            untilClose = false;
            contentLength = 0;
        } else if (chunked) {
            untilClose = false;
        } else if (!untilClose && contentLength < 0) {
            untilClose = true;
        }
        if (chunked) {
            state = State.CHUNK_SIZE;
            body = new byte[256];
        } else if (untilClose) {
            state = State.UNTIL_CLOSE;
            keepAlive = false;
            body = new byte[256];
        } else {
            if (contentLength > maxBodyBytes) {
                throw tooLarge();
            }
            body = new byte[(int) contentLength];
            state = State.FIXED;
        }
    }

    private void append(ByteBuf in, int length) throws Malformed {
        if (length <= 0) {
            return;
        }
        if (bodyLength + (long) length > body.length) {
            long needed = (long) bodyLength + length;
            if (needed > maxBodyBytes) {
                throw tooLarge();
            }
            body = Arrays.copyOf(body, (int) Math.min(maxBodyBytes, Math.max(needed, body.length * 2L)));
        }
        in.readBytes(body, bodyLength, length);
        bodyLength += length;
    }

    private HttpResponse response() {
        byte[] bytes = body == null || bodyLength == 0 ? null
                : bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength);
        body = null;
        return new HttpResponse(status, headers.build(), Body.of(bytes));
    }

    /**
     * The next line without its line ending (CRLF, or a bare LF), or null when it has not all arrived; a line longer
     * than {@code limit} is a {@link Malformed}.
     */
    private static String line(ByteBuf in, int limit, String what) throws Malformed {
        int start = in.readerIndex();
        int lf = lineFeed(in, limit, what);
        if (lf < 0) {
            return null;
        }
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        in.readerIndex(lf + 1);
        return in.toString(start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** The index of the line feed ending the line at the reader index, or -1 when it has not arrived. */
    private static int lineFeed(ByteBuf in, int limit, String what) throws Malformed {
        int start = in.readerIndex();
        int lf = in.forEachByte(start, Math.min(in.readableBytes(), Math.max(0, limit)), ByteProcessor.FIND_LF);
        if (lf < 0 && in.readableBytes() >= limit) {
            throw new Malformed("the " + what + " is longer than " + limit + " bytes");
        }
        return lf;
    }

    private static long contentLength(String value) throws Malformed {
        long length = Http1.contentLength(value);
        if (length < 0) {
            throw new Malformed("not a Content-Length: " + shown(value));
        }
        return length;
    }

    private static long chunkSize(String line) throws Malformed {
        int end = line.indexOf(';');
        String hex = (end < 0 ? line : line.substring(0, end)).strip();
        if (hex.isEmpty() || hex.length() > 8) {
            throw new Malformed("not a chunk size: " + shown(line));
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw new Malformed("not a chunk size: " + shown(line));
            }
            size = size * 16 + digit;
        }
        return size;
    }

    private Malformed tooLarge() {
        return new Malformed("the response body is larger than the limit of " + maxBodyBytes + " bytes");
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t';
    }

    private static String shown(String text) {
        return "'" + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "'";
    }
}
