package dev.fnkit.api.spi;

/**
 * The JSON codec behind {@link dev.fnkit.api.Body#as(Class)} and {@link dev.fnkit.api.HttpResponse#json(Object)}.
 * fnkit-core provides it; the API finds it once with {@link java.util.ServiceLoader}. Function authors do not
 * implement this.
 */
public interface JsonCodec {
    /**
     * Decodes JSON into {@code type}.
     *
     * @throws dev.fnkit.api.FunctionException with status 400 when the bytes are not valid JSON for that type
     */
    <T> T read(byte[] json, Class<T> type);

    /** Encodes a value as JSON. */
    byte[] write(Object value);

    /** The codec on the class path. */
    static JsonCodec get() {
        return JsonCodecHolder.INSTANCE;
    }
}
