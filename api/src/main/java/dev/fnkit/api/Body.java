package dev.fnkit.api;

import dev.fnkit.api.spi.JsonCodec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * An immutable, binary-safe payload: an HTTP body, a queue message, a stream record's data. Read it as bytes, text or
 * JSON.
 *
 * <p>To avoid copies on the invocation path, the array given to {@link #of(byte[])} and returned by {@link #bytes()}
 * is shared: treat it as read-only.
 */
public final class Body {
    /** The empty body. */
    public static final Body EMPTY = new Body(new byte[0]);

    private final byte[] bytes;

    private Body(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A body holding these bytes (not copied). */
    public static Body of(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? EMPTY : new Body(bytes);
    }

    /** A body holding this text in UTF-8. */
    public static Body of(String text) {
        return text == null || text.isEmpty() ? EMPTY : new Body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A body holding this value encoded as JSON. */
    public static Body json(Object value) {
        return of(JsonCodec.get().write(value));
    }

    /** The bytes, shared with this body: do not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    /** A read-only view of the bytes. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    public int size() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The body decoded as UTF-8 (malformed sequences become U+FFFD). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The body decoded with this charset. */
    public String text(Charset charset) {
        return new String(bytes, charset);
    }

    /** The body as text when it is valid UTF-8, otherwise empty. */
    public Optional<String> utf8() {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The body in standard base64. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The body decoded from JSON into {@code type}.
     *
     * @throws FunctionException with status 400 when the body is not valid JSON for that type
     */
    public <T> T as(Class<T> type) {
        return JsonCodec.get().read(bytes, type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Body other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Body[" + bytes.length + " bytes]";
    }
}
