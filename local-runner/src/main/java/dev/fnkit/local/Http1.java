package dev.fnkit.local;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The few pieces of the HTTP/1.1 wire format that fnkit's own readers and writers share: its servers'
 * ({@link NettyHttpServer}) and the self-hosted gateway's client of its instances. Not an API for functions.
 */
public final class Http1 {
    private static final int CRLF = ('\r' << 8) | '\n';
    private static final int COLON_SPACE = (':' << 8) | ' ';
    /** Bodies up to this size are copied after the head; larger ones are written from their own array. */
    private static final int MAX_COPIED_BODY_BYTES = 16 * 1024;
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '!'; c < 127; c++) {
            TOKEN[c] = "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
        }
    }

    private Http1() {
    }

    /** True for a character allowed in a token (a method or a header name); {@code c} may be any int. */
    public static boolean isTokenChar(int c) {
        return c >= 0 && c < 128 && TOKEN[c];
    }

    /** True when the text is a non-empty token. */
    public static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isTokenChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Writes {@code name: value} and a line end; characters are written as single bytes (Latin-1). */
    public static void writeHeader(ByteBuf out, String name, String value) {
        ByteBufUtil.writeAscii(out, name);
        out.writeShort(COLON_SPACE);
        ByteBufUtil.writeAscii(out, value);
        out.writeShort(CRLF);
    }

    /** Writes a line end. */
    public static void writeLineEnd(ByteBuf out) {
        out.writeShort(CRLF);
    }

    /** How much room a message head's buffer needs for the body {@link #withBody} copies after it. */
    public static int copiedBodyBytes(byte[] body) {
        return body.length <= MAX_COPIED_BODY_BYTES ? body.length : 0;
    }

    /** The whole message: a small body copied after the head, a large one sent from its own array. */
    public static ByteBuf withBody(ByteBuf head, byte[] body) {
        if (body.length == 0) {
            return head;
        }
        return body.length <= MAX_COPIED_BODY_BYTES ? head.writeBytes(body)
                : Unpooled.wrappedBuffer(head, Unpooled.wrappedBuffer(body));
    }

    /** The value of a {@code Content-Length} header, or -1 when it is not 1 to 18 decimal digits. */
    public static long contentLength(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return -1;
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            length = length * 10 + c - '0';
        }
        return length;
    }
}
