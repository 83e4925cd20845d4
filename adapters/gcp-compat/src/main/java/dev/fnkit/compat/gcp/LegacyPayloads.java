package dev.fnkit.compat.gcp;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnkit.api.FunctionException;
import dev.fnkit.core.Json;

/**
 * Decodes a legacy payload the way the Functions Framework's Gson does: into fields by name, whatever their
 * visibility and without setters, ignoring unknown properties (such as Pub/Sub's {@code @type}). A payload that is
 * not JSON or does not fit the type is a 400 {@code malformed-event}: the event is acknowledged, not retried.
 */
final class LegacyPayloads {
    private static final ObjectMapper FIELDS = Json.mapper().copy()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);

    private LegacyPayloads() {
    }

    static <T> T decode(String json, Class<T> type) {
        if (type == String.class) {
            return type.cast(json);
        }
        try {
            return FIELDS.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw FunctionException.badRequest("malformed-event", "The legacy payload does not fit "
                    + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }
}
