package dev.fnkit.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.fnkit.api.Body;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.spi.JsonCodec;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.BaseStream;

/**
 * The one JSON codec of fnkit, on Jackson: records, {@code java.time} as ISO-8601 strings, unknown properties
 * ignored, nesting bounded, {@link Body} as base64. Built once and shared; every provider serialises the same way.
 * Jackson's {@code java.time} and {@code Optional} support is set up the first time a value of such a type is met, so
 * a cold start that has none does not load it.
 */
public final class Json implements JsonCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                    .build())
            .addModule(new LazyModule("fnkit-java-time") {
                @Override
                boolean handles(Class<?> type) {
                    return type.getName().startsWith("java.time.");
                }

                @Override
                Module create() {
                    return new JavaTimeModule();
                }
            })
            .addModule(new LazyModule("fnkit-jdk8") {
                @Override
                boolean handles(Class<?> type) {
                    return type == Optional.class || type == OptionalInt.class || type == OptionalLong.class
                            || type == OptionalDouble.class || BaseStream.class.isAssignableFrom(type);
                }

                @Override
                Module create() {
                    return new Jdk8Module();
                }
            })
            .addModule(new SimpleModule("fnkit-body")
                    .addSerializer(Body.class, new StdSerializer<>(Body.class) {
                        @Override
                        public void serialize(Body body, JsonGenerator json, SerializerProvider provider)
                                throws IOException {
                            json.writeBinary(body.bytes());
                        }
                    })
                    .addDeserializer(Body.class, new StdDeserializer<>(Body.class) {
                        @Override
                        public Body deserialize(JsonParser json, DeserializationContext context) throws IOException {
                            return Body.of(json.getBinaryValue());
                        }
                    }))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    /** Used by {@link java.util.ServiceLoader}; everything else uses the static methods. */
    public Json() {
    }

    /** The shared mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Decodes JSON; malformed input is a 400 {@link FunctionException} saying where and why. */
    public static <T> T decode(byte[] json, Class<T> type) {
        if (type == byte[].class) {
            return type.cast(json);
        }
        if (type == Body.class) {
            return type.cast(Body.of(json));
        }
        if (json.length == 0) {
            throw FunctionException.badRequest("malformed-json", "Expected a JSON " + describe(type)
                    + " but the body is empty");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (DatabindException e) {
            throw FunctionException.badRequest("malformed-json", "JSON does not match " + describe(type) + ": "
                    + e.getOriginalMessage() + location(e));
        } catch (JsonProcessingException e) {
            throw FunctionException.badRequest("malformed-json", "Malformed JSON: " + e.getOriginalMessage()
                    + location(e));
        } catch (IOException e) {
            throw FunctionException.badRequest("malformed-json", "The body is not JSON text in UTF-8, UTF-16 or"
                    + " UTF-32: " + e.getMessage());
        }
    }

    /** Parses JSON into a tree; malformed input is a 400 {@link FunctionException}. */
    public static JsonNode tree(byte[] json) {
        return decode(json, JsonNode.class);
    }

    /** Encodes a value as JSON bytes. */
    public static byte[] encode(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Converts a decoded JSON value (a tree, a map) into {@code type}; a mismatch is a 400. */
    public static <T> T convert(Object value, Class<T> type) {
        try {
            return MAPPER.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw FunctionException.badRequest("malformed-json", "JSON does not match " + describe(type) + ": "
                    + rootMessage(e));
        }
    }

    @Override
    public <T> T read(byte[] json, Class<T> type) {
        return decode(json, type);
    }

    @Override
    public byte[] write(Object value) {
        return encode(value);
    }

    private static String describe(Class<?> type) {
        return type == JsonNode.class || type == Object.class ? "value" : type.getSimpleName();
    }

    private static String location(JsonProcessingException e) {
        var loc = e.getLocation();
        return loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(t.getMessage());
    }
}
