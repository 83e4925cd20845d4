package dev.fnkit.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fnkit.api.FunctionException;
import dev.fnkit.core.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of an HTTP event, read in one streaming pass whatever its shape: the union of the REST (payload 1.0),
 * HTTP API / function URL (payload 2.0) and ALB fields. {@link #shape()} then tells the shapes apart by their defining
 * fields, never by guessing from values. Maps are kept as flat name/value lists in event order.
 */
final class GatewayEvent {
    /**
     * Its own factory, so that the field-name table it canonicalises into holds the few dozen names of gateway
     * events rather than every name the application's JSON ever used (lookups in a crowded table are slower).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(Json.mapper().getFactory().streamReadConstraints()).build();

    String version;
    String rawPath;
    String rawQueryString;
    String path;
    String httpMethod;
    String resource;
    String body;
    boolean base64;
    List<String> cookies;
    /** {@code headers}: name, value, name, value, ... */
    List<String> headers;
    /** {@code multiValueHeaders} flattened: name, value, name, value, ... */
    List<String> multiValueHeaders;
    List<String> query;
    List<String> multiValueQuery;

    boolean hasRequestContext;
    boolean hasHttpContext;
    boolean hasElb;
    String contextMethod;
    String contextSourceIp;
    String identitySourceIp;
    String stage;
    String requestId;
    String domainName;

    private GatewayEvent() {
    }

    /**
     * Reads an event.
     *
     * @throws FunctionException 400 when the bytes are not a JSON object
     */
    static GatewayEvent read(InputStream json) {
        GatewayEvent event = new GatewayEvent();
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw FunctionException.badRequest("malformed-event", "An HTTP event must be a JSON object");
            }
            event.readTop(parser);
        } catch (IOException e) {
            throw FunctionException.badRequest("malformed-event", "The HTTP event is not valid JSON: "
                    + e.getMessage());
        }
        return event;
    }

    /** The shape, from its defining fields; null when the event has none of them. */
    GatewayShape shape() {
        if ("2.0".equals(version) && hasHttpContext) {
            return domainName != null && domainName.contains(".lambda-url.") ? GatewayShape.FUNCTION_URL
                    : GatewayShape.HTTP_API_V2;
        }
        if (hasElb) {
            return multiValueHeaders != null || multiValueQuery != null ? GatewayShape.ALB_MULTI
                    : GatewayShape.ALB_SINGLE;
        }
        if (httpMethod != null && hasRequestContext) {
            return GatewayShape.REST_V1;
        }
        return null;
    }

    private void readTop(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "version" -> version = text(p, value);
                case "rawPath" -> rawPath = text(p, value);
                case "rawQueryString" -> rawQueryString = text(p, value);
                case "path" -> path = text(p, value);
                case "httpMethod" -> httpMethod = text(p, value);
                case "resource" -> resource = text(p, value);
                case "body" -> body = text(p, value);
                case "isBase64Encoded" -> base64 = value == JsonToken.VALUE_TRUE
                        || value == JsonToken.VALUE_STRING && "true".equals(p.getText());
                case "cookies" -> cookies = array(p, value, new ArrayList<>(4));
                case "headers" -> headers = map(p, value);
                case "multiValueHeaders" -> multiValueHeaders = multiMap(p, value);
                case "queryStringParameters" -> query = "2.0".equals(version) ? skip(p) : map(p, value);
                case "multiValueQueryStringParameters" -> multiValueQuery = multiMap(p, value);
                case "requestContext" -> readContext(p, value);
                default -> p.skipChildren();
            }
        }
    }

    private void readContext(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        hasRequestContext = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "http" -> readHttp(p, value);
                case "elb" -> {
                    hasElb = value == JsonToken.START_OBJECT;
                    p.skipChildren();
                }
                case "identity" -> readIdentity(p, value);
                case "stage" -> stage = text(p, value);
                case "requestId" -> requestId = text(p, value);
                case "domainName" -> domainName = text(p, value);
                case "httpMethod" -> contextMethod = contextMethod == null ? text(p, value) : contextMethod;
                default -> p.skipChildren();
            }
        }
    }

    private void readHttp(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        hasHttpContext = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "method" -> contextMethod = text(p, value);
                case "sourceIp" -> contextSourceIp = text(p, value);
                default -> p.skipChildren();
            }
        }
    }

    private void readIdentity(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("sourceIp".equals(name)) {
                identitySourceIp = text(p, value);
            } else {
                p.skipChildren();
            }
        }
    }

    /** Skips a value payload 2.0 does not need (its query comes from {@code rawQueryString}). */
    private static List<String> skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static String text(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        return p.getText();
    }

    private static List<String> array(JsonParser p, JsonToken start, List<String> into) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            p.skipChildren();
            return start == JsonToken.VALUE_NULL ? null : into;
        }
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            String value = text(p, token);
            if (value != null) {
                into.add(value);
            }
        }
        return into;
    }

    private static List<String> map(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        List<String> pairs = new ArrayList<>(24);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String value = text(p, p.nextToken());
            if (value != null) {
                pairs.add(name);
                pairs.add(value);
            }
        }
        return pairs;
    }

    private static List<String> multiMap(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        List<String> pairs = new ArrayList<>(24);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            if (token == JsonToken.START_ARRAY) {
                while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                    String value = text(p, token);
                    if (value != null) {
                        pairs.add(name);
                        pairs.add(value);
                    }
                }
            } else {
                String value = text(p, token);
                if (value != null) {
                    pairs.add(name);
                    pairs.add(value);
                }
            }
        }
        return pairs;
    }
}
