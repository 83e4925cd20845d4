package dev.fnkit.compat.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.fnkit.api.Context;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * REST API (payload format 1.0) proxy events from portable requests, as API Gateway builds them: {@code headers}
 * and {@code queryStringParameters} with the last value of each name, {@code multiValueHeaders} and
 * {@code multiValueQueryStringParameters} with all of them, {@code resource} the matched route, {@code path}
 * decoded, path parameters, base64 for binary bodies, and a request context (stage {@value #STAGE}) with identity.
 */
final class RestApiEvents {
    static final String STAGE = "fnkit";

    private RestApiEvents() {
    }

    static APIGatewayProxyRequestEvent toEvent(HttpRequest request, Context context, Declared declared) {
        Optional<Route> route = GatewayRoutes.matched(declared, request);
        String resource = route.map(GatewayRoutes::resource).orElse("/{proxy+}");
        String path = GatewayRoutes.decodedPath(request.path());
        Instant now = Instant.now();
        GatewayBodies.Encoded body = GatewayBodies.encode(request);

        APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity()
                .withSourceIp(request.sourceIp().orElse("127.0.0.1"))
                .withUserAgent(request.header("user-agent").orElse(null));
        APIGatewayProxyRequestEvent.ProxyRequestContext requestContext =
                new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withAccountId(AwsNames.ACCOUNT).withApiId("fnkit").withResourceId("fnkit")
                        .withStage(STAGE).withRequestId(context.requestId()).withIdentity(identity)
                        .withResourcePath(resource).withHttpMethod(request.method()).withPath("/" + STAGE + path)
                        .withProtocol("HTTP/1.1").withRequestTime(HttpApiEvents.REQUEST_TIME.format(now))
                        .withRequestTimeEpoch(now.toEpochMilli())
                        .withDomainName(request.header("host").orElse("localhost"));
        return new APIGatewayProxyRequestEvent()
                .withResource(resource).withPath(path).withHttpMethod(request.method())
                .withHeaders(last(request.headers().asMap())).withMultiValueHeaders(copy(request.headers().asMap()))
                .withQueryStringParameters(nullIfEmpty(last(request.query().asMap())))
                .withMultiValueQueryStringParameters(nullIfEmpty(copy(request.query().asMap())))
                .withPathParameters(nullIfEmpty(new LinkedHashMap<>(request.pathParameters())))
                .withRequestContext(requestContext)
                .withBody(body.body()).withIsBase64Encoded(body.base64());
    }

    static HttpResponse toResponse(APIGatewayProxyResponseEvent response) {
        if (response == null) {
            throw new FunctionException(502, "invalid-lambda-response", "The handler returned no response");
        }
        HttpResponse.Builder out = HttpResponse.status(GatewayBodies.status(response.getStatusCode()));
        Headers.Builder headers = Headers.builder();
        HttpApiEvents.addHeaders(headers, response.getHeaders(), response.getMultiValueHeaders());
        headers.build().asMap().forEach((name, values) -> values.forEach(v -> out.header(name, v)));
        return out.body(GatewayBodies.decode(response.getBody(), response.getIsBase64Encoded())).build();
    }

    private static Map<String, String> last(Map<String, List<String>> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((name, list) -> out.put(name, list.isEmpty() ? "" : list.get(list.size() - 1)));
        return out;
    }

    /** A mutable copy, as the Lambda runtime's deserialised events are. */
    private static Map<String, List<String>> copy(Map<String, List<String>> values) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        values.forEach((name, list) -> out.put(name, new ArrayList<>(list)));
        return out;
    }

    private static <V> Map<String, V> nullIfEmpty(Map<String, V> map) {
        return map.isEmpty() ? null : map;
    }
}
