package dev.fnkit.api.spi;

import java.util.ServiceLoader;

final class JsonCodecHolder {
    static final JsonCodec INSTANCE = ServiceLoader.load(JsonCodec.class, JsonCodec.class.getClassLoader())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(
                    "No dev.fnkit.api.spi.JsonCodec on the class path: add the fnkit-core dependency"));

    private JsonCodecHolder() {
    }
}
