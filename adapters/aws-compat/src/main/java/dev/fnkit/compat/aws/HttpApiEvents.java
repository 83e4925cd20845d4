package dev.fnkit.compat.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.fnkit.api.Context;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Route;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP API (payload format 2.0) events from portable requests, as API Gateway builds them: lower-case header names
 * with repeated values comma-joined, cookies in {@code cookies[]} rather than a header, {@code rawPath} decoded,
 * {@code rawQueryString} and comma-joined {@code queryStringParameters}, path parameters, base64 for binary bodies,
 * and a request context with route key, request id, source IP, user agent and time. Responses come back with
 * {@code headers}, {@code multiValueHeaders} and each of {@code cookies[]} as its own {@code Set-Cookie}.
 */
final class HttpApiEvents {
    static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private HttpApiEvents() {
    }

    static APIGatewayV2HTTPEvent toEvent(HttpRequest request, Context context, Declared declared) {
        Optional<Route> route = GatewayRoutes.matched(declared, request);
        String routeKey = route.map(GatewayRoutes::routeKey).orElse("$default");
        String rawPath = GatewayRoutes.decodedPath(request.path());
        Instant now = Instant.now();

        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().asMap().forEach((name, values) -> {
            if (name.equals("cookie")) {
                values.forEach(v -> cookies.addAll(cookiePairs(v)));
            } else {
                headers.put(name, String.join(",", values));
            }
        });
        Map<String, String> query = new LinkedHashMap<>();
        request.query().asMap().forEach((name, values) -> query.put(name, String.join(",", values)));
        GatewayBodies.Encoded body = GatewayBodies.encode(request);

        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(request.method()).withPath(rawPath).withProtocol("HTTP/1.1")
                .withSourceIp(request.sourceIp().orElse("127.0.0.1"))
                .withUserAgent(request.header("user-agent").orElse(null)).build();
        String host = request.header("host").orElse("localhost");
        APIGatewayV2HTTPEvent.RequestContext requestContext = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId(AwsNames.ACCOUNT).withApiId("fnkit").withDomainName(host)
                .withDomainPrefix(host.contains(".") ? host.substring(0, host.indexOf('.')) : host)
                .withHttp(http).withRequestId(context.requestId()).withRouteKey(routeKey).withStage("$default")
                .withTime(REQUEST_TIME.format(now)).withTimeEpoch(now.toEpochMilli()).build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(routeKey).withRawPath(rawPath)
                .withRawQueryString(request.query().encode())
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(request.pathParameters().isEmpty() ? null
                        : new LinkedHashMap<>(request.pathParameters()))
                .withBody(body.body()).withIsBase64Encoded(body.base64())
                .withRequestContext(requestContext).build();
    }

    static HttpResponse toResponse(APIGatewayV2HTTPResponse response) {
        if (response == null) {
            throw new FunctionException(502, "invalid-lambda-response", "The handler returned no response");
        }
        HttpResponse.Builder out = HttpResponse.status(GatewayBodies.status(response.getStatusCode()));
        Headers.Builder headers = Headers.builder();
        addHeaders(headers, response.getHeaders(), response.getMultiValueHeaders());
        if (response.getCookies() != null) {
            response.getCookies().forEach(c -> headers.add("set-cookie", c));
        }
        headers.build().asMap().forEach((name, values) -> values.forEach(v -> out.header(name, v)));
        return out.body(GatewayBodies.decode(response.getBody(), response.getIsBase64Encoded())).build();
    }

    /** Single-value headers, then the multi-value ones (a name in both keeps the multi-value list). */
    static void addHeaders(Headers.Builder headers, Map<String, String> single, Map<String, List<String>> multi) {
        if (single != null) {
            single.forEach((name, value) -> {
                if (multi == null || !multi.containsKey(name)) {
                    headers.add(name, value);
                }
            });
        }
        if (multi != null) {
            multi.forEach((name, values) -> {
                if (values != null) {
                    headers.addAll(name, values);
                }
            });
        }
    }

    private static List<String> cookiePairs(String header) {
        List<String> pairs = new ArrayList<>();
        for (String pair : header.split(";")) {
            String trimmed = pair.trim();
            if (!trimmed.isEmpty()) {
                pairs.add(trimmed);
            }
        }
        return pairs;
    }
}
