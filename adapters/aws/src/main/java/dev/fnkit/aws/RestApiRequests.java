package dev.fnkit.aws;

import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.QueryParameters;

import java.util.List;
import java.util.Locale;

/**
 * API Gateway REST events (payload 1.0, also what HTTP APIs send with payload 1.0): method from {@code httpMethod},
 * path from {@code path} made relative with {@code resource} (see {@link ApiPaths}), {@code multiValueHeaders} and
 * {@code multiValueQueryStringParameters} preferred over the single-value maps (API Gateway has already decoded the
 * query), the source IP from {@code requestContext.identity.sourceIp}.
 */
final class RestApiRequests implements GatewayRequests {
    static final RestApiRequests INSTANCE = new RestApiRequests();

    private RestApiRequests() {
    }

    @Override
    public String method(GatewayEvent event, GatewayShape shape) {
        return GatewayRequests.require(event.httpMethod, shape, "httpMethod").toUpperCase(Locale.ROOT);
    }

    @Override
    public String path(GatewayEvent event, GatewayShape shape) {
        String raw = GatewayRequests.require(event.path, shape, "path");
        return ApiPaths.relative(ApiPaths.encode(raw), event.resource);
    }

    @Override
    public HttpRequest.Builder request(GatewayEvent event, GatewayShape shape, String method, String path) {
        return HttpRequest.builder()
                .method(method)
                .path(path)
                .query(query(event.multiValueQuery != null ? event.multiValueQuery : event.query))
                .headers(headers(event.multiValueHeaders != null ? event.multiValueHeaders : event.headers))
                .body(GatewayRequests.body(event, shape))
                .sourceIp(event.identitySourceIp);
    }

    /** Headers from flat name/value pairs, every value kept. */
    static Headers headers(List<String> pairs) {
        if (pairs == null || pairs.isEmpty()) {
            return Headers.EMPTY;
        }
        Headers.Builder headers = Headers.builder();
        for (int i = 0; i < pairs.size(); i += 2) {
            headers.add(pairs.get(i), pairs.get(i + 1));
        }
        return headers.build();
    }

    private static QueryParameters query(List<String> pairs) {
        if (pairs == null || pairs.isEmpty()) {
            return QueryParameters.EMPTY;
        }
        QueryParameters.Builder query = QueryParameters.builder();
        for (int i = 0; i < pairs.size(); i += 2) {
            query.add(pairs.get(i), pairs.get(i + 1));
        }
        return query.build();
    }
}
