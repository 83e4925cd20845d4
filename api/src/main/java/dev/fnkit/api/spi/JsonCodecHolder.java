package dev.fnkit.api.spi;

import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * The codec, found once: fnkit-core's by its name where it is on the class path (one class look-up), else the first
 * one {@link ServiceLoader} lists, which means reading every jar's service files.
 */
final class JsonCodecHolder {
    static final String CORE_CODEC = "dev.fnkit.core.Json";
    static final JsonCodec INSTANCE = find();

    private JsonCodecHolder() {
    }

    private static JsonCodec find() {
        ClassLoader loader = JsonCodec.class.getClassLoader();
        try {
            Class<?> core = Class.forName(CORE_CODEC, true, loader);
            if (JsonCodec.class.isAssignableFrom(core)) {
                return (JsonCodec) core.getConstructor().newInstance();
            }
        } catch (LinkageError | ReflectiveOperationException notThere) {
            // fall through to the service files
        }
        Iterator<JsonCodec> codecs = ServiceLoader.load(JsonCodec.class, loader).iterator();
        if (!codecs.hasNext()) {
            throw new IllegalStateException(
                    "No dev.fnkit.api.spi.JsonCodec on the class path: add the fnkit-core dependency");
        }
        return codecs.next();
    }
}
