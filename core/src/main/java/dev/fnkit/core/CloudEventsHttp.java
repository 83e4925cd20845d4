package dev.fnkit.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Headers;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.data.BytesCloudEventData;
import io.cloudevents.core.message.impl.BaseGenericBinaryMessageReaderImpl;
import io.cloudevents.core.message.impl.GenericStructuredMessageReader;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.jackson.JsonFormatOptions;
import io.cloudevents.rw.CloudEventRWException;
import io.cloudevents.types.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudEvents 1.0 over HTTP, in binary mode ({@code ce-*} headers, the data as the body) and in structured mode (an
 * {@code application/cloudevents+json} envelope), on the CloudEvents Java SDK.
 *
 * <p>Reading fails with a 400 {@link FunctionException} coded {@code invalid-cloudevent} whose message names what is
 * wrong, or a 415 coded {@code unsupported-media-type} for batch mode and event formats other than JSON.
 */
public final class CloudEventsHttp {
    /** The media type of a structured-mode CloudEvent in the JSON event format. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";

    static final String BATCH_CONTENT_TYPE = "application/cloudevents-batch+json";
    static final String INVALID = "invalid-cloudevent";
    static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";

    private static final String CLOUDEVENTS_MEDIA_TYPE_PREFIX = "application/cloudevents";
    private static final String HEADER_PREFIX = "ce-";
    private static final String CONTENT_TYPE = "content-type";
    private static final List<String> REQUIRED = List.of("specversion", "id", "source", "type");
    private static final Set<String> RESERVED_EXTENSION_NAMES = Set.of("data", "data_base64");
    private static final int MAX_QUOTED = 100;

    /** Reads envelopes; {@link #readStructured} applies the implied {@code application/json} itself. */
    private static final JsonFormat READ_FORMAT = new JsonFormat(JsonFormatOptions.builder()
            .disableDataContentTypeDefaulting(true)
            .build());
    /** Writes JSON data as a {@code data} value and every other payload as {@code data_base64}. */
    private static final JsonFormat WRITE_FORMAT = new JsonFormat(JsonFormatOptions.builder()
            .forceDataBase64Serialization(true)
            .build());
    private static final ObjectReader JSON = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final Pattern MISSING = Pattern.compile(
            "(?:Attribute '(\\w+)' cannot be null|Missing mandatory (\\w+) attribute).*", Pattern.DOTALL);
    private static final Pattern INVALID_VALUE = Pattern.compile(
            "Invalid attribute/extension value for \"(\\w+)\": (.*)", Pattern.DOTALL);
    private static final Pattern INVALID_TYPE = Pattern.compile(
            "(?:Invalid attribute/extension type for \"(\\w+)\"|Wrong type \\w+ for attribute (\\w+)).*",
            Pattern.DOTALL);
    private static final Pattern INVALID_EXTENSION_NAME = Pattern.compile(
            "Invalid extensions? name: (.*)", Pattern.DOTALL);
    private static final Pattern INVALID_SPEC_VERSION = Pattern.compile("Invalid specversion: (.*)", Pattern.DOTALL);

    private CloudEventsHttp() {
    }

    /**
     * Whether a request carries a CloudEvent: it has a {@code ce-specversion} header (binary mode) or its
     * Content-Type is a CloudEvents media type such as {@code application/cloudevents+json; charset=utf-8}
     * (structured mode). Batch mode counts too, so that {@link #read} can reject it with a 415.
     */
    public static boolean isCloudEvent(Headers headers) {
        return headers.contains(HEADER_PREFIX + "specversion")
                || mediaType(headers).startsWith(CLOUDEVENTS_MEDIA_TYPE_PREFIX);
    }

    /**
     * Reads a CloudEvent from an HTTP request in binary or structured mode. The event's {@code data()} and
     * {@code rawData()} are both the data bytes ({@link Body#EMPTY} when there is none); in structured mode a JSON
     * {@code data} value becomes its JSON text and a string {@code data} with a non-JSON {@code datacontenttype}
     * becomes the string's UTF-8 bytes. Extensions keep the SDK's types (strings, and in structured mode integers
     * and booleans too); the native event is the SDK's {@link CloudEvent}.
     *
     * @throws FunctionException 400 {@code invalid-cloudevent} naming what is wrong: a missing required attribute,
     *                           an unsupported specversion, malformed JSON, an invalid {@code time} or URI, bad
     *                           base64 in {@code data_base64}; 415 {@code unsupported-media-type} for batch mode
     *                           and for event formats other than JSON
     */
    public static Event<Body> read(Headers headers, Body body) {
        Objects.requireNonNull(headers, "headers");
        Body payload = body == null ? Body.EMPTY : body;
        String mediaType = mediaType(headers);
        CloudEvent event;
        try {
            if (mediaType.equals(STRUCTURED_CONTENT_TYPE)) {
                event = readStructured(payload);
            } else if (mediaType.equals(BATCH_CONTENT_TYPE)) {
                throw new FunctionException(415, UNSUPPORTED_MEDIA_TYPE, "CloudEvents batch mode ("
                        + BATCH_CONTENT_TYPE + ") is not supported; send each event in its own request, in binary"
                        + " mode or as " + STRUCTURED_CONTENT_TYPE);
            } else if (mediaType.startsWith(CLOUDEVENTS_MEDIA_TYPE_PREFIX)) {
                throw new FunctionException(415, UNSUPPORTED_MEDIA_TYPE, "The CloudEvents format "
                        + quote(mediaType) + " is not supported; use " + STRUCTURED_CONTENT_TYPE + " or binary mode");
            } else if (headers.contains(HEADER_PREFIX + "specversion")) {
                event = readBinary(headers, payload);
            } else {
                throw invalid("The request is not a CloudEvent: it has neither a ce-specversion header (binary mode)"
                        + " nor the Content-Type " + STRUCTURED_CONTENT_TYPE + " (structured mode)");
            }
        } catch (FunctionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
        }
        return fromCloudEvent(event);
    }

    /**
     * The headers that carry an event in binary mode: {@code ce-specversion}, {@code ce-id}, {@code ce-source},
     * {@code ce-type}, then {@code ce-subject}, {@code ce-time} (RFC 3339) and {@code ce-dataschema} when set, one
     * {@code ce-<name>} per extension, and {@code content-type} from the {@code datacontenttype}. Values are
     * percent-encoded as the HTTP binding requires. The body to send with them is {@code event.rawData()}.
     *
     * @throws IllegalArgumentException when the event cannot be a CloudEvent: a source or dataschema that is not a
     *                                  URI reference, an invalid extension name, or an extension value of a type
     *                                  CloudEvents lacks
     */
    public static Headers binaryHeaders(Event<?> event) {
        CloudEvent cloudEvent = toCloudEvent(event, null);
        Headers.Builder headers = Headers.builder()
                .add(HEADER_PREFIX + "specversion", cloudEvent.getSpecVersion().toString())
                .add(HEADER_PREFIX + "id", percentEncode(cloudEvent.getId()))
                .add(HEADER_PREFIX + "source", percentEncode(cloudEvent.getSource().toString()))
                .add(HEADER_PREFIX + "type", percentEncode(cloudEvent.getType()));
        if (cloudEvent.getSubject() != null) {
            headers.add(HEADER_PREFIX + "subject", percentEncode(cloudEvent.getSubject()));
        }
        if (cloudEvent.getTime() != null) {
            headers.add(HEADER_PREFIX + "time", percentEncode(Time.writeTime(cloudEvent.getTime())));
        }
        if (cloudEvent.getDataSchema() != null) {
            headers.add(HEADER_PREFIX + "dataschema", percentEncode(cloudEvent.getDataSchema().toString()));
        }
        for (String name : event.extensions().keySet()) {
            headers.add(HEADER_PREFIX + name, percentEncode(headerValue(cloudEvent.getExtension(name))));
        }
        if (cloudEvent.getDataContentType() != null) {
            headers.add(CONTENT_TYPE, cloudEvent.getDataContentType());
        }
        return headers.build();
    }

    /**
     * The event as an {@code application/cloudevents+json} envelope. Its data, {@code event.rawData()}, is embedded
     * as the {@code data} JSON value when the {@code datacontenttype} is JSON ({@code application/json} or any
     * {@code +json} type) or absent, and the bytes are valid JSON; otherwise it is sent as {@code data_base64}.
     *
     * @throws IllegalArgumentException as {@link #binaryHeaders(Event)} does
     */
    public static Body structured(Event<?> event) {
        Body raw = event.rawData();
        CloudEventData data = null;
        if (!raw.isEmpty()) {
            JsonNode json = event.dataContentType().map(CloudEventsHttp::isJson).orElse(true)
                    ? parseJson(raw.bytes()) : null;
            data = json != null ? JsonCloudEventData.wrap(json) : BytesCloudEventData.wrap(raw.bytes());
        }
        return Body.of(WRITE_FORMAT.serialize(toCloudEvent(event, data)));
    }

    private static CloudEvent readStructured(Body body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body.bytes());
        } catch (JsonProcessingException e) {
            throw invalid("Malformed JSON in the structured CloudEvent: " + e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw invalid("The structured CloudEvent could not be read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw invalid("The structured CloudEvent is empty: expected a JSON object");
        }
        if (!(tree instanceof ObjectNode envelope)) {
            throw invalid("A structured CloudEvent must be a JSON object but the body is a JSON "
                    + typeName(tree));
        }
        List<String> nulls = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : envelope.properties()) {
            if (member.getValue().isNull() && !member.getKey().equals("data")) {
                nulls.add(member.getKey());
            }
        }
        envelope.remove(nulls);
        for (String attribute : REQUIRED) {
            JsonNode value = envelope.get(attribute);
            if (value == null) {
                throw missing(attribute, "");
            }
            if (!value.isTextual()) {
                throw invalid("The CloudEvent attribute '" + attribute + "' must be a JSON string but is a JSON "
                        + typeName(value));
            }
        }
        SpecVersion version = specVersion(envelope.get("specversion").textValue());
        if (version != SpecVersion.V1) {
            return new GenericStructuredMessageReader(READ_FORMAT, body.bytes()).toEvent();
        }
        JsonNode contentTypeNode = envelope.get("datacontenttype");
        String contentType = contentTypeNode != null && contentTypeNode.isTextual() ? contentTypeNode.textValue() : null;
        CloudEventData data = structuredData(envelope, contentType);
        byte[] withoutData;
        try {
            withoutData = Json.mapper().writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw invalid("The structured CloudEvent could not be read: " + e.getOriginalMessage());
        }
        CloudEvent event = new GenericStructuredMessageReader(READ_FORMAT, withoutData).toEvent();
        if (data == null) {
            return event;
        }
        CloudEventBuilder builder = CloudEventBuilder.from(event).withData(data);
        if (contentType == null && data instanceof JsonCloudEventData) {
            builder.withDataContentType("application/json");
        }
        return builder.build();
    }

    /**
     * Takes {@code data} or {@code data_base64} out of a 1.0 envelope, following the JSON format's rules, which SDK
     * 4.0.1 only partly implements: it neither treats {@code +json} types as JSON nor decodes strings as UTF-8.
     */
    private static CloudEventData structuredData(ObjectNode envelope, String contentType) {
        JsonNode data = envelope.remove("data");
        JsonNode base64 = envelope.remove("data_base64");
        if (data != null && base64 != null) {
            throw invalid("The CloudEvent has both 'data' and 'data_base64'; it may have only one");
        }
        if (base64 != null) {
            if (!base64.isTextual()) {
                throw invalid("The CloudEvent's 'data_base64' must be a JSON string but is a JSON " + typeName(base64));
            }
            try {
                return BytesCloudEventData.wrap(Base64.getDecoder().decode(base64.textValue()));
            } catch (IllegalArgumentException e) {
                throw invalid("The CloudEvent's 'data_base64' is not valid base64: " + e.getMessage());
            }
        }
        if (data == null) {
            return null;
        }
        if (contentType == null || isJson(contentType)) {
            return JsonCloudEventData.wrap(data);
        }
        return BytesCloudEventData.wrap(data.isTextual() ? data.textValue().getBytes(StandardCharsets.UTF_8)
                : jsonBytes(data));
    }

    private static CloudEvent readBinary(Headers headers, Body body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : headers.names()) {
            boolean attribute = name.startsWith(HEADER_PREFIX);
            if (!attribute && !name.equals(CONTENT_TYPE)) {
                continue;
            }
            List<String> all = headers.all(name);
            if (all.size() > 1) {
                throw invalid("The header '" + name + "' appears " + all.size() + " times; a CloudEvent attribute"
                        + " has a single value");
            }
            if (!attribute) {
                values.put(name, all.get(0));
                continue;
            }
            if (name.length() == HEADER_PREFIX.length()) {
                throw invalid("The header 'ce-' names no CloudEvent attribute");
            }
            if (name.equals(HEADER_PREFIX + "datacontenttype")) {
                throw invalid("Binary mode carries 'datacontenttype' in the Content-Type header; a"
                        + " ce-datacontenttype header is not allowed");
            }
            values.put(name, percentDecode(name, all.get(0)));
        }
        for (String attribute : REQUIRED) {
            if (!values.containsKey(HEADER_PREFIX + attribute)) {
                throw missing(attribute, " (header ce-" + attribute + ")");
            }
        }
        SpecVersion version = specVersion(values.get(HEADER_PREFIX + "specversion"));
        return new HeaderMessageReader(version, values, body).toEvent();
    }

    /**
     * The portable envelope of a CloudEvents SDK event: every attribute and extension, the data as {@link Body} (a
     * JSON data node as its JSON text), the SDK event as {@link Event#nativeEvent(Class)}.
     *
     * @throws FunctionException 400 {@code invalid-cloudevent} when id, source or type is empty
     */
    public static Event<Body> fromCloudEvent(CloudEvent event) {
        requireNonEmpty("id", event.getId());
        requireNonEmpty("source", event.getSource().toString());
        requireNonEmpty("type", event.getType());
        Body data = event.getData() == null ? Body.EMPTY
                : Body.of(event.getData() instanceof JsonCloudEventData json ? jsonBytes(json.getNode())
                : event.getData().toBytes());
        Event.Builder<Body> builder = Event.<Body>builder()
                .id(event.getId())
                .source(event.getSource().toString())
                .type(event.getType())
                .subject(event.getSubject())
                .time(event.getTime())
                .dataContentType(event.getDataContentType())
                .dataSchema(event.getDataSchema() == null ? null : event.getDataSchema().toString())
                .data(data)
                .rawData(data)
                .nativeEvent(event);
        for (String name : event.getExtensionNames()) {
            Object value = event.getExtension(name);
            builder.extension(name, value instanceof URI || value instanceof byte[] ? headerValue(value) : value);
        }
        return builder.build();
    }

    /** The SDK's event for ours, with this data; attribute problems become {@link IllegalArgumentException}s. */
    static CloudEvent toCloudEvent(Event<?> event, CloudEventData data) {
        io.cloudevents.core.v1.CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(uri("source", event.source()))
                .withType(event.type());
        event.subject().ifPresent(builder::withSubject);
        event.time().ifPresent(builder::withTime);
        event.dataSchema().ifPresent(schema -> builder.withDataSchema(uri("dataschema", schema)));
        event.dataContentType().ifPresent(builder::withDataContentType);
        event.extensions().forEach((name, value) -> extension(builder, name, value));
        if (data != null) {
            builder.withData(data);
        }
        return builder.build();
    }

    private static void extension(io.cloudevents.core.v1.CloudEventBuilder builder, String name, Object value) {
        if (SpecVersion.V1.getAllAttributes().contains(name) || RESERVED_EXTENSION_NAMES.contains(name)) {
            throw new IllegalArgumentException("The extension '" + name + "' has the name of a CloudEvents"
                    + " attribute");
        }
        try {
            if (value instanceof String s) {
                builder.withExtension(name, s);
            } else if (value instanceof Boolean b) {
                builder.withExtension(name, b);
            } else if (value instanceof Number n) {
                builder.withExtension(name, n);
            } else if (value instanceof URI u) {
                builder.withExtension(name, u);
            } else if (value instanceof OffsetDateTime t) {
                builder.withExtension(name, t);
            } else if (value instanceof byte[] bytes) {
                builder.withExtension(name, bytes);
            } else {
                throw new IllegalArgumentException("The extension '" + name + "' is a " + value.getClass().getName()
                        + "; CloudEvents extensions are strings, booleans, integers, URIs, timestamps or bytes");
            }
        } catch (CloudEventRWException e) {
            throw new IllegalArgumentException("'" + name + "' is not a valid CloudEvents extension name: names"
                    + " use only lower-case letters a-z and digits 0-9");
        }
    }

    private static URI uri(String attribute, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The CloudEvents attribute '" + attribute + "' must be a URI"
                    + " reference but " + quote(value) + " is not: " + e.getReason());
        }
    }

    /** The canonical string form of an attribute value, as the HTTP binding writes it. */
    private static String headerValue(Object value) {
        if (value instanceof OffsetDateTime time) {
            return Time.writeTime(time);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return String.valueOf(value);
    }

    private static SpecVersion specVersion(String value) {
        try {
            return SpecVersion.parse(value);
        } catch (CloudEventRWException e) {
            throw specVersionError(value);
        }
    }

    /** Turns an SDK failure into a 400 that names the attribute, from the first message in the chain it knows. */
    private static FunctionException translate(RuntimeException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t instanceof JsonProcessingException json ? json.getOriginalMessage() : t.getMessage();
            if (message == null) {
                continue;
            }
            Matcher m;
            if ((m = MISSING.matcher(message)).matches()) {
                return missing(m.group(1) != null ? m.group(1) : m.group(2), "");
            }
            if ((m = INVALID_VALUE.matcher(message)).matches()) {
                return invalidValue(m.group(1), m.group(2));
            }
            if ((m = INVALID_TYPE.matcher(message)).matches()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                return invalid("The CloudEvent attribute '" + name + "' has a value of the wrong type: attributes"
                        + " are strings, and extensions strings, integers or booleans");
            }
            if ((m = INVALID_EXTENSION_NAME.matcher(message)).matches()) {
                return invalid(quote(m.group(1).trim()) + " is not a valid CloudEvents extension name: names use"
                        + " only lower-case letters a-z and digits 0-9");
            }
            if ((m = INVALID_SPEC_VERSION.matcher(message)).matches()) {
                return specVersionError(m.group(1).trim());
            }
        }
        String message = error.getMessage();
        return invalid("The CloudEvent is invalid: " + (message == null ? error.getClass().getSimpleName()
                : firstLine(message)));
    }

    private static FunctionException specVersionError(String value) {
        return invalid("The CloudEvents specversion " + quote(value) + " is not supported; supported are 1.0 and 0.3");
    }

    private static FunctionException invalidValue(String attribute, String value) {
        String expected = switch (attribute) {
            case "time" -> "an RFC 3339 timestamp such as 2024-01-01T12:00:00Z";
            case "source", "dataschema", "schemaurl" -> "a URI reference";
            default -> "a valid value";
        };
        return invalid("The CloudEvent attribute '" + attribute + "' must be " + expected + " but is "
                + quote(firstLine(value).trim()));
    }

    private static FunctionException missing(String attribute, String where) {
        return invalid("The CloudEvent has no '" + attribute + "' attribute" + where + ", which is required");
    }

    private static void requireNonEmpty(String attribute, String value) {
        if (value == null || value.isEmpty()) {
            throw invalid("The CloudEvent attribute '" + attribute + "' is empty; it must be a non-empty string");
        }
    }

    private static FunctionException invalid(String message) {
        return new FunctionException(400, INVALID, message);
    }

    private static String mediaType(Headers headers) {
        String value = headers.first(CONTENT_TYPE).orElse("");
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** Whether a media type declares JSON: {@code *}{@code /json} or {@code *}{@code /*+json}, parameters ignored. */
    static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
        String subtype = type.substring(type.indexOf('/') + 1);
        return subtype.equals("json") || subtype.endsWith("+json");
    }

    private static JsonNode parseJson(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] jsonBytes(JsonNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }

    /**
     * Percent-encodes a header value as the HTTP binding requires: space, double quote, percent and everything
     * outside printable ASCII, byte by byte in UTF-8.
     */
    static String percentEncode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c > ' ' && c < 0x7f && c != '"' && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Undoes a double-quoted string, then one round of percent-encoding, rejecting sequences that are not UTF-8. */
    static String percentDecode(String header, String value) {
        String text = value.trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            StringBuilder unquoted = new StringBuilder(text.length());
            for (int i = 1; i < text.length() - 1; i++) {
                char c = text.charAt(i);
                unquoted.append(c == '\\' && i + 1 < text.length() - 1 ? text.charAt(++i) : c);
            }
            text = unquoted.toString();
        }
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
                continue;
            }
            int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
            if (low < 0) {
                throw invalid("The header '" + header + "' has a '%' that is not followed by two hex digits");
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("The header '" + header + "' is percent-encoded but does not decode to UTF-8");
        }
    }

    private static String typeName(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String location(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String quote(String value) {
        String text = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
        return "'" + text + "'";
    }

    /** Binary mode over headers already decoded: content-type and the {@code ce-*} headers, one value each. */
    private static final class HeaderMessageReader extends BaseGenericBinaryMessageReaderImpl<String, String> {
        private final Map<String, String> headers;

        HeaderMessageReader(SpecVersion version, Map<String, String> headers, Body body) {
            super(version, body.isEmpty() ? null : BytesCloudEventData.wrap(body.bytes()));
            this.headers = headers;
        }

        @Override
        protected boolean isContentTypeHeader(String name) {
            return name.equals(CONTENT_TYPE);
        }

        @Override
        protected boolean isCloudEventsHeader(String name) {
            return name.startsWith(HEADER_PREFIX);
        }

        @Override
        protected String toCloudEventsKey(String name) {
            return name.substring(HEADER_PREFIX.length());
        }

        @Override
        protected void forEachHeader(BiConsumer<String, String> consumer) {
            headers.forEach(consumer);
        }

        @Override
        protected String toCloudEventsValue(String value) {
            return value;
        }
    }
}
