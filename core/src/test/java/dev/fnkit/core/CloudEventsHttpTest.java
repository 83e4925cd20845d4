package dev.fnkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Headers;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class CloudEventsHttpTest {
    private static final Headers STRUCTURED = Headers.of("Content-Type", "application/cloudevents+json");
    private static final byte[] NOT_UTF8 = {0, (byte) 0xff, (byte) 0xfe, (byte) 0x80, 'a', (byte) 0xc3};

    private static Event<Body> full(String contentType, Body data) {
        return Event.<Body>builder()
                .id("order-42")
                .source("https://example.com/orders")
                .type("com.example.order.created")
                .subject("orders/42 «Zürich» 100% done")
                .time(OffsetDateTime.parse("2024-05-06T07:08:09.123+02:00"))
                .dataContentType(contentType)
                .dataSchema("https://example.com/schemas/order.json")
                .extension("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .extension("partitionkey", "customer-7")
                .data(data)
                .rawData(data)
                .build();
    }

    private static Event<Body> structured(String json) {
        return CloudEventsHttp.read(STRUCTURED, Body.of(json));
    }

    private static void assertSameEvent(Event<Body> actual, Event<Body> expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.source()).isEqualTo(expected.source());
        assertThat(actual.type()).isEqualTo(expected.type());
        assertThat(actual.subject()).isEqualTo(expected.subject());
        assertThat(actual.time()).isEqualTo(expected.time());
        assertThat(actual.dataContentType()).isEqualTo(expected.dataContentType());
        assertThat(actual.dataSchema()).isEqualTo(expected.dataSchema());
        assertThat(actual.extensions()).isEqualTo(expected.extensions());
        assertThat(actual.rawData().bytes()).isEqualTo(expected.rawData().bytes());
        assertThat(actual.data()).isEqualTo(actual.rawData());
    }

    private static void assertInvalid(Headers headers, Body body, String... fragments) {
        assertThatThrownBy(() -> CloudEventsHttp.read(headers, body))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid-cloudevent");
                    assertThat(e.getCause()).isNull();
                })
                .hasMessageContainingAll(fragments);
    }

    private static void assertInvalidStructured(String json, String... fragments) {
        assertInvalid(STRUCTURED, Body.of(json), fragments);
    }

    private static Headers binary(String... extra) {
        Headers.Builder headers = Headers.builder()
                .add("ce-specversion", "1.0")
                .add("ce-id", "1")
                .add("ce-source", "/orders")
                .add("ce-type", "order.created");
        for (int i = 0; i < extra.length; i += 2) {
            headers.set(extra[i], extra[i + 1]);
        }
        return headers.build();
    }

    private static JsonNode json(Body body) {
        return Json.tree(body.bytes());
    }

    @Nested
    class Detection {
        @ParameterizedTest(name = "{0}: {1} -> {2}")
        @CsvSource(delimiter = '|', textBlock = """
                ce-specversion | 1.0                                           | true
                Content-Type   | application/cloudevents+json                  | true
                Content-Type   | Application/CloudEvents+JSON; charset=UTF-8   | true
                Content-Type   | application/cloudevents-batch+json            | true
                Content-Type   | application/json                              | false
                Content-Type   | text/plain                                    | false
                ce-id          | 1                                             | false
                """)
        void isCloudEvent(String header, String value, boolean expected) {
            assertThat(CloudEventsHttp.isCloudEvent(Headers.of(header, value))).isEqualTo(expected);
        }

        @Test
        void noHeadersIsNoCloudEvent() {
            assertThat(CloudEventsHttp.isCloudEvent(Headers.EMPTY)).isFalse();
        }
    }

    @Nested
    class BinaryMode {
        @Test
        void readsEveryAttributeExtensionAndTheBodyAsData() {
            Headers headers = Headers.builder()
                    .add("CE-SpecVersion", "1.0")
                    .add("ce-id", "order-42")
                    .add("ce-source", "https://example.com/orders")
                    .add("ce-type", "com.example.order.created")
                    .add("ce-subject", "Euro%20%E2%82%AC%20%F0%9F%98%80")
                    .add("ce-time", "2024-05-06T07:08:09.123+02:00")
                    .add("ce-dataschema", "https://example.com/schemas/order.json")
                    .add("ce-traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                    .add("ce-partitionkey", "customer-7")
                    .add("Content-Type", "application/octet-stream")
                    .add("X-Unrelated", "ignored")
                    .build();

            Event<Body> event = CloudEventsHttp.read(headers, Body.of(NOT_UTF8));

            assertThat(event.id()).isEqualTo("order-42");
            assertThat(event.source()).isEqualTo("https://example.com/orders");
            assertThat(event.type()).isEqualTo("com.example.order.created");
            assertThat(event.subject()).contains("Euro € \uD83D\uDE00");
            assertThat(event.time()).contains(OffsetDateTime.parse("2024-05-06T07:08:09.123+02:00"));
            assertThat(event.dataContentType()).contains("application/octet-stream");
            assertThat(event.dataSchema()).contains("https://example.com/schemas/order.json");
            assertThat(event.extensions()).containsOnly(
                    entry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
                    entry("partitionkey", "customer-7"));
            assertThat(event.data().bytes()).isEqualTo(NOT_UTF8);
            assertThat(event.rawData()).isEqualTo(event.data());
            assertThat(event.nativeEvent(CloudEvent.class)).hasValueSatisfying(ce -> {
                assertThat(ce.getId()).isEqualTo("order-42");
                assertThat(ce.getData().toBytes()).isEqualTo(NOT_UTF8);
            });
        }

        @Test
        void withoutBodyHasEmptyData() {
            Event<Body> event = CloudEventsHttp.read(binary(), null);

            assertThat(event.data()).isSameAs(Body.EMPTY);
            assertThat(event.rawData()).isSameAs(Body.EMPTY);
            assertThat(event.dataContentType()).isEmpty();
            assertThat(event.subject()).isEmpty();
            assertThat(event.time()).isEmpty();
            assertThat(event.extensions()).isEmpty();
        }

        @Test
        void unquotesDoubleQuotedHeaderValues() {
            Event<Body> event = CloudEventsHttp.read(binary("ce-subject", "\"say \\\"hi\\\" 100%25\""), Body.EMPTY);

            assertThat(event.subject()).contains("say \"hi\" 100%");
        }

        @Test
        void writesHeadersInOrderWithPercentEncodedValues() {
            Event<Body> event = full("application/octet-stream", Body.of(NOT_UTF8));

            Map<String, List<String>> expected = new LinkedHashMap<>();
            expected.put("ce-specversion", List.of("1.0"));
            expected.put("ce-id", List.of("order-42"));
            expected.put("ce-source", List.of("https://example.com/orders"));
            expected.put("ce-type", List.of("com.example.order.created"));
            expected.put("ce-subject", List.of("orders/42%20%C2%ABZ%C3%BCrich%C2%BB%20100%25%20done"));
            expected.put("ce-time", List.of("2024-05-06T07:08:09.123+02:00"));
            expected.put("ce-dataschema", List.of("https://example.com/schemas/order.json"));
            expected.put("ce-traceparent", List.of("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
            expected.put("ce-partitionkey", List.of("customer-7"));
            expected.put("content-type", List.of("application/octet-stream"));
            assertThat(CloudEventsHttp.binaryHeaders(event).asMap()).containsExactlyEntriesOf(expected);
        }

        @Test
        void writesOnlyWhatIsSet() {
            Event<Body> event = Event.<Body>builder().id("1").source("/s").type("t")
                    .extension("count", 5).extension("urgent", true).build();

            assertThat(CloudEventsHttp.binaryHeaders(event).asMap()).containsOnlyKeys(
                    "ce-specversion", "ce-id", "ce-source", "ce-type", "ce-count", "ce-urgent");
            assertThat(CloudEventsHttp.binaryHeaders(event).first("ce-count")).contains("5");
            assertThat(CloudEventsHttp.binaryHeaders(event).first("ce-urgent")).contains("true");
        }
    }

    @Nested
    class RoundTrips {
        @Test
        void binaryToStructuredToBinaryKeepsEveryAttributeAndTheBytes() {
            Event<Body> original = full("application/octet-stream", Body.of(NOT_UTF8));

            Headers headers = CloudEventsHttp.binaryHeaders(original);
            Event<Body> fromBinary = CloudEventsHttp.read(headers, original.rawData());
            assertSameEvent(fromBinary, original);

            Body envelope = CloudEventsHttp.structured(fromBinary);
            assertThat(json(envelope).has("data")).isFalse();
            assertThat(json(envelope).get("data_base64").asText()).isEqualTo(Body.of(NOT_UTF8).base64());
            Event<Body> fromStructured = CloudEventsHttp.read(
                    Headers.of("Content-Type", CloudEventsHttp.STRUCTURED_CONTENT_TYPE + "; charset=utf-8"), envelope);
            assertSameEvent(fromStructured, original);

            assertThat(CloudEventsHttp.binaryHeaders(fromStructured)).isEqualTo(headers);
        }

        @Test
        void structuredToBinaryToStructured() {
            Body envelope = Body.of("""
                    {"specversion":"1.0","id":"7","source":"urn:example:s","type":"t","subject":"a b",
                     "time":"2024-01-02T03:04:05Z","datacontenttype":"application/json",
                     "dataschema":"https://example.com/s","traceparent":"00-abc-def-01","partitionkey":"p",
                     "data":{"name":"Zoë","items":[1,2.5,true,null]}}""");

            Event<Body> first = CloudEventsHttp.read(STRUCTURED, envelope);
            assertThat(first.rawData().text()).isEqualTo("{\"name\":\"Zoë\",\"items\":[1,2.5,true,null]}");

            Event<Body> binary = CloudEventsHttp.read(CloudEventsHttp.binaryHeaders(first), first.rawData());
            assertSameEvent(binary, first);

            Body again = CloudEventsHttp.structured(binary);
            assertThat(json(again)).isEqualTo(json(envelope));
            assertSameEvent(CloudEventsHttp.read(STRUCTURED, again), first);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                application/json
                application/json; charset=utf-8
                application/vnd.example.order+json
                text/json
                """)
        void jsonDataIsEmbeddedAsAJsonValue(String contentType) {
            Event<Body> event = full(contentType, Body.of("{\"a\": [1, {\"b\": \"ü\"}]}"));

            Body envelope = CloudEventsHttp.structured(event);

            assertThat(json(envelope).get("data")).isEqualTo(Json.tree("{\"a\":[1,{\"b\":\"ü\"}]}".getBytes(
                    StandardCharsets.UTF_8)));
            assertThat(json(envelope).has("data_base64")).isFalse();
            Event<Body> read = CloudEventsHttp.read(STRUCTURED, envelope);
            assertThat(read.rawData().text()).isEqualTo("{\"a\":[1,{\"b\":\"ü\"}]}");
            assertThat(read.dataContentType()).contains(contentType);
        }

        @Test
        void jsonBytesWithoutContentTypeAreEmbeddedAndReadBackAsApplicationJson() {
            Event<Body> event = Event.<Body>builder().id("1").source("/s").type("t").rawData(Body.of("[1,2]")).build();

            Body envelope = CloudEventsHttp.structured(event);

            assertThat(json(envelope).get("data").isArray()).isTrue();
            assertThat(json(envelope).has("datacontenttype")).isFalse();
            Event<Body> read = CloudEventsHttp.read(STRUCTURED, envelope);
            assertThat(read.rawData().text()).isEqualTo("[1,2]");
            assertThat(read.dataContentType()).contains("application/json");
        }

        @Test
        void otherBytesWithoutContentTypeGoAsBase64() {
            Event<Body> event = Event.<Body>builder().id("1").source("/s").type("t").rawData(Body.of("hello")).build();

            Body envelope = CloudEventsHttp.structured(event);

            assertThat(json(envelope).get("data_base64").asText()).isEqualTo("aGVsbG8=");
            Event<Body> read = CloudEventsHttp.read(STRUCTURED, envelope);
            assertThat(read.rawData().text()).isEqualTo("hello");
            assertThat(read.dataContentType()).isEmpty();
        }

        @Test
        void textAndMalformedJsonGoAsBase64ByteForByte() {
            for (String contentType : List.of("text/plain; charset=utf-8", "application/json")) {
                Event<Body> event = full(contentType, Body.of("{not json \u00e9"));

                Body envelope = CloudEventsHttp.structured(event);

                assertThat(json(envelope).has("data_base64")).isTrue();
                assertSameEvent(CloudEventsHttp.read(STRUCTURED, envelope), event);
            }
        }

        @Test
        void eventWithoutDataHasNoDataMember() {
            Event<Body> event = Event.<Body>builder().id("1").source("/s").type("t").build();

            Body envelope = CloudEventsHttp.structured(event);

            assertThat(json(envelope).has("data")).isFalse();
            assertThat(json(envelope).has("data_base64")).isFalse();
            assertThat(CloudEventsHttp.read(STRUCTURED, envelope).rawData()).isSameAs(Body.EMPTY);
        }

        @Test
        void typedExtensionsSurviveStructuredMode() {
            Event<Body> event = Event.<Body>builder().id("1").source("/s").type("t")
                    .extension("count", 5).extension("urgent", true).extension("region", "eu").build();

            Event<Body> read = CloudEventsHttp.read(STRUCTURED, CloudEventsHttp.structured(event));

            assertThat(read.extensions()).containsOnly(entry("count", 5), entry("urgent", true),
                    entry("region", "eu"));
        }
    }

    @Nested
    class StructuredMode {
        private static final String BASE = "\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"";

        @Test
        void stringDataWithNonJsonContentTypeIsItsUtf8Bytes() {
            Event<Body> event = structured("{" + BASE + ",\"datacontenttype\":\"text/plain\",\"data\":\"héllo\"}");

            assertThat(event.rawData().bytes()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
            assertThat(event.data()).isEqualTo(event.rawData());
            assertThat(event.dataContentType()).contains("text/plain");
        }

        @Test
        void stringDataWithoutContentTypeIsAJsonString() {
            Event<Body> event = structured("{" + BASE + ",\"data\":\"I'm just a string\"}");

            assertThat(event.rawData().text()).isEqualTo("\"I'm just a string\"");
            assertThat(event.dataContentType()).contains("application/json");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                42                        | 42
                [1, "two", {"3": false}]  | [1,"two",{"3":false}]
                null                      | null
                0.1000000000000000055511  | 0.1000000000000000055511
                """)
        void anyJsonDataBecomesItsJsonText(String data, String text) {
            Event<Body> event = structured("{" + BASE + ",\"data\":" + data + "}");

            assertThat(event.rawData().text()).isEqualTo(text);
        }

        @Test
        void nonStringDataWithNonJsonContentTypeBecomesItsJsonText() {
            Event<Body> event = structured("{" + BASE + ",\"datacontenttype\":\"text/plain\",\"data\":{\"a\":1}}");

            assertThat(event.rawData().text()).isEqualTo("{\"a\":1}");
        }

        @Test
        void decodesDataBase64() {
            Event<Body> event = structured("{" + BASE + ",\"datacontenttype\":\"application/octet-stream\","
                    + "\"data_base64\":\"AP/+gGHD\"}");

            assertThat(event.rawData().bytes()).isEqualTo(NOT_UTF8);
        }

        @Test
        void nullAttributesAreAbsent() {
            Event<Body> event = structured("{" + BASE + ",\"subject\":null,\"time\":null,\"unset\":null}");

            assertThat(event.subject()).isEmpty();
            assertThat(event.time()).isEmpty();
            assertThat(event.extensions()).isEmpty();
        }

        @Test
        void readsExtensionsWithTheirJsonTypes() {
            Event<Body> event = structured("{" + BASE + ",\"traceparent\":\"00-x\",\"partitionkey\":\"p1\","
                    + "\"attempt\":3,\"replay\":false}");

            assertThat(event.extensions()).containsOnly(entry("traceparent", "00-x"), entry("partitionkey", "p1"),
                    entry("attempt", 3), entry("replay", false));
            assertThat(event.extension("attempt")).contains(3);
        }

        @Test
        void acceptsSpecVersion03AsTheSdkDoes() {
            Event<Body> event = structured("{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\","
                    + "\"schemaurl\":\"https://example.com/s\",\"datacontenttype\":\"application/json\","
                    + "\"data\":{\"a\":1}}");

            assertThat(event.dataSchema()).contains("https://example.com/s");
            assertThat(event.rawData().text()).isEqualTo("{\"a\":1}");
        }
    }

    @Nested
    class Failures {
        private static final String BASE = "\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"";

        @ParameterizedTest(name = "without {0}")
        @CsvSource({"specversion", "id", "source", "type"})
        void structuredWithoutARequiredAttribute(String attribute) {
            Map<String, String> attributes = new LinkedHashMap<>(Map.of(
                    "specversion", "1.0", "id", "1", "source", "/s", "type", "t"));
            attributes.remove(attribute);

            assertInvalidStructured(Json.mapper().valueToTree(attributes).toString(),
                    "The CloudEvent has no '" + attribute + "' attribute, which is required");
        }

        @ParameterizedTest(name = "without {0}")
        @CsvSource({"id", "source", "type"})
        void binaryWithoutARequiredAttribute(String attribute) {
            Headers headers = binary().toBuilder().remove("ce-" + attribute).build();

            assertInvalid(headers, Body.EMPTY,
                    "The CloudEvent has no '" + attribute + "' attribute (header ce-" + attribute + ")");
        }

        @Test
        void emptyRequiredAttribute() {
            assertInvalidStructured("{\"specversion\":\"1.0\",\"id\":\"\",\"source\":\"/s\",\"type\":\"t\"}",
                    "attribute 'id' is empty");
            assertInvalid(binary("ce-type", ""), Body.EMPTY, "attribute 'type' is empty");
        }

        @Test
        void requiredAttributeOfTheWrongJsonType() {
            assertInvalidStructured("{\"specversion\":\"1.0\",\"id\":42,\"source\":\"/s\",\"type\":\"t\"}",
                    "attribute 'id' must be a JSON string but is a JSON number");
        }

        @Test
        void unsupportedSpecVersion() {
            assertInvalidStructured("{\"specversion\":\"2.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}",
                    "specversion '2.0' is not supported; supported are 1.0 and 0.3");
            assertInvalid(binary("ce-specversion", "0.2"), Body.EMPTY, "specversion '0.2' is not supported");
        }

        @Test
        void malformedJson() {
            assertInvalidStructured("{" + BASE + ",\"data\":", "Malformed JSON in the structured CloudEvent",
                    "line 1, column");
            assertInvalidStructured("{" + BASE + "} trailing", "Malformed JSON in the structured CloudEvent");
        }

        @Test
        void notAJsonObject() {
            assertInvalidStructured("[{" + BASE + "}]", "must be a JSON object but the body is a JSON array");
            assertInvalid(STRUCTURED, Body.EMPTY, "The structured CloudEvent is empty");
            assertInvalidStructured("  ", "The structured CloudEvent is empty");
        }

        @Test
        void invalidTime() {
            assertInvalidStructured("{" + BASE + ",\"time\":\"yesterday\"}",
                    "attribute 'time' must be an RFC 3339 timestamp", "'yesterday'");
            assertInvalid(binary("ce-time", "2024-13-01T00:00:00Z"), Body.EMPTY,
                    "attribute 'time' must be an RFC 3339 timestamp", "'2024-13-01T00:00:00Z'");
        }

        @Test
        void invalidUris() {
            assertInvalidStructured("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"a b\",\"type\":\"t\"}",
                    "attribute 'source' must be a URI reference but is 'a b'");
            assertInvalid(binary("ce-dataschema", "::"), Body.EMPTY,
                    "attribute 'dataschema' must be a URI reference but is '::'");
        }

        @Test
        void badBase64() {
            assertInvalidStructured("{" + BASE + ",\"data_base64\":\"!!!!\"}",
                    "'data_base64' is not valid base64");
            assertInvalidStructured("{" + BASE + ",\"data_base64\":42}",
                    "'data_base64' must be a JSON string but is a JSON number");
        }

        @Test
        void bothDataAndDataBase64() {
            assertInvalidStructured("{" + BASE + ",\"data\":1,\"data_base64\":\"AQ==\"}",
                    "has both 'data' and 'data_base64'");
        }

        @Test
        void invalidExtensions() {
            assertInvalidStructured("{" + BASE + ",\"Trace_Parent\":\"x\"}",
                    "'Trace_Parent' is not a valid CloudEvents extension name");
            assertInvalid(binary("ce-trace_parent", "x"), Body.EMPTY,
                    "'trace_parent' is not a valid CloudEvents extension name");
            assertInvalidStructured("{" + BASE + ",\"ratio\":1.5}",
                    "attribute 'ratio' has a value of the wrong type");
        }

        @Test
        void badHeaders() {
            assertInvalid(binary().toBuilder().add("ce-id", "2").build(), Body.EMPTY,
                    "The header 'ce-id' appears 2 times");
            assertInvalid(binary("ce-datacontenttype", "text/plain"), Body.EMPTY,
                    "a ce-datacontenttype header is not allowed");
            assertInvalid(binary("ce-subject", "%C0%A0"), Body.EMPTY,
                    "The header 'ce-subject' is percent-encoded but does not decode to UTF-8");
            assertInvalid(binary("ce-subject", "100%"), Body.EMPTY,
                    "The header 'ce-subject' has a '%' that is not followed by two hex digits");
        }

        @Test
        void notACloudEvent() {
            assertInvalid(Headers.of("Content-Type", "application/json"), Body.of("{}"),
                    "The request is not a CloudEvent");
        }

        @Test
        void batchModeIsUnsupportedMediaType() {
            assertThatThrownBy(() -> CloudEventsHttp.read(
                    Headers.of("Content-Type", "application/cloudevents-batch+json; charset=utf-8"),
                    Body.of("[{" + BASE + "}]")))
                    .isInstanceOfSatisfying(FunctionException.class, e -> {
                        assertThat(e.status()).isEqualTo(415);
                        assertThat(e.code()).isEqualTo("unsupported-media-type");
                    })
                    .hasMessageContaining("batch mode (application/cloudevents-batch+json) is not supported");
        }

        @Test
        void otherEventFormatsAreUnsupportedMediaType() {
            assertThatThrownBy(() -> CloudEventsHttp.read(
                    Headers.of("Content-Type", "application/cloudevents+avro"), Body.of("x")))
                    .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.status()).isEqualTo(415))
                    .hasMessageContaining("'application/cloudevents+avro' is not supported");
        }

        @Test
        void writingAnEventThatCannotBeACloudEvent() {
            Event<Body> badSource = Event.<Body>builder().id("1").source("a b").type("t").build();
            assertThatThrownBy(() -> CloudEventsHttp.binaryHeaders(badSource))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'source' must be a URI reference but 'a b' is not");

            Event<Body> badName = Event.<Body>builder().id("1").source("/s").type("t").extension("Bad-Name", "x")
                    .build();
            assertThatThrownBy(() -> CloudEventsHttp.structured(badName))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'Bad-Name' is not a valid CloudEvents extension name");

            Event<Body> reserved = Event.<Body>builder().id("1").source("/s").type("t").extension("subject", "x")
                    .build();
            assertThatThrownBy(() -> CloudEventsHttp.binaryHeaders(reserved))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has the name of a CloudEvents attribute");

            Event<Body> badValue = Event.<Body>builder().id("1").source("/s").type("t")
                    .extension("tags", List.of("a")).build();
            assertThatThrownBy(() -> CloudEventsHttp.binaryHeaders(badValue))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The extension 'tags' is a java.util");
        }
    }
}
