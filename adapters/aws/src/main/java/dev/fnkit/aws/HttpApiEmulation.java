package dev.fnkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an HTTP API (payload 2.0) does around a Lambda function, for {@link AwsEmulator}: turns a request into the
 * event API Gateway sends (path decoded into {@code rawPath}, repeated headers and query values joined with commas,
 * {@code Cookie} moved into {@code cookies}, a binary body base64-encoded) and the function's answer into the response
 * a client receives (each {@code cookies} entry a {@code Set-Cookie}, a base64 body decoded, and a JSON answer
 * without {@code statusCode} taken as a 200 JSON body).
 */
final class HttpApiEmulation {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String API_ID = "fnkitemu01";

    private HttpApiEmulation() {
    }

    static ObjectNode toEvent(HttpRequest request, String requestId, Instant now) {
        ObjectNode event = NODES.objectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", URLDecoder.decode(request.path().replace("+", "%2B"), StandardCharsets.UTF_8));
        String rawQuery = request.query().encode();
        event.put("rawQueryString", rawQuery);
        List<String> cookieHeaders = request.headers().all("cookie");
        if (!cookieHeaders.isEmpty()) {
            ArrayNode cookies = event.putArray("cookies");
            for (String header : cookieHeaders) {
                for (String cookie : header.split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.strip());
                    }
                }
            }
        }
        ObjectNode headers = event.putObject("headers");
        for (Map.Entry<String, List<String>> header : request.headers().asMap().entrySet()) {
            if (!header.getKey().equals("cookie")) {
                headers.put(header.getKey(), String.join(",", header.getValue()));
            }
        }
        if (!request.query().isEmpty()) {
            ObjectNode query = event.putObject("queryStringParameters");
            request.query().asMap().forEach((name, values) -> query.put(name, String.join(",", values)));
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", AwsEmulator.ACCOUNT);
        context.put("apiId", API_ID);
        context.put("domainName", API_ID + ".execute-api." + AwsEmulator.REGION + ".amazonaws.com");
        context.put("domainPrefix", API_ID);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", event.get("rawPath").asText());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", request.sourceIp().orElse("198.51.100.7"));
        http.put("userAgent", request.header("user-agent").orElse(""));
        context.put("requestId", requestId);
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", CLF_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        Body body = request.body();
        if (!body.isEmpty()) {
            boolean base64 = ResponseBodies.needsBase64(request.contentType().orElse(null), body.bytes());
            event.put("body", base64 ? body.base64() : body.text());
            event.put("isBase64Encoded", base64);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    static HttpResponse toResponse(JsonNode answer) {
        if (answer == null || !answer.isObject() || !answer.has("statusCode")) {
            return HttpResponse.builder().contentType("application/json")
                    .body(answer == null ? Body.EMPTY : EventJson.bytes(answer)).build();
        }
        HttpResponse.Builder response = HttpResponse.status(answer.get("statusCode").asInt());
        JsonNode headers = answer.get("headers");
        if (headers != null && headers.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                response.header(header.getKey(), header.getValue().asText());
            }
        }
        JsonNode cookies = answer.get("cookies");
        if (cookies != null && cookies.isArray()) {
            cookies.forEach(cookie -> response.header("set-cookie", cookie.asText()));
        }
        JsonNode body = answer.get("body");
        if (body != null && !body.isNull()) {
            boolean base64 = answer.path("isBase64Encoded").asBoolean(false);
            try {
                response.body(base64 ? Base64.getDecoder().decode(body.asText())
                        : body.asText().getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new FunctionException(502, "malformed-lambda-response", "The function's response has"
                        + " isBase64Encoded true but its body is not base64");
            }
        }
        return response.build();
    }
}
