package dev.fnkit.compat.gcp;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnkit.core.Json;

/**
 * Decodes a legacy payload the way the Functions Framework's Gson does: into fields by name, whatever their
 * visibility and without setters, ignoring unknown properties (such as Pub/Sub's {@code @type}).
 */
final class LegacyPayloads {
    private static final ObjectMapper FIELDS = Json.mapper().copy()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);

    private LegacyPayloads() {
    }

    static <T> T decode(String json, Class<T> type) throws JsonProcessingException {
        if (type == String.class) {
            return type.cast(json);
        }
        return FIELDS.readValue(json, type);
    }
}
