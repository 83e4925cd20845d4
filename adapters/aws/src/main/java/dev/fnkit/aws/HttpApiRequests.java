package dev.fnkit.aws;

import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.QueryParameters;

import java.util.List;
import java.util.Locale;

/**
 * HTTP API payload 2.0 and function URL events: method from {@code requestContext.http.method}, path from
 * {@code rawPath} (HTTP APIs send it decoded and prefixed with a stage other than {@code $default}: see
 * {@link ApiPaths}), query parsed from
 * {@code rawQueryString} with repeated names kept, comma-joined header values split back only for list-valued
 * headers ({@link ListHeaders}), the {@code cookies} array as a {@code cookie} header, the source IP from
 * {@code requestContext.http.sourceIp}.
 */
final class HttpApiRequests implements GatewayRequests {
    static final HttpApiRequests INSTANCE = new HttpApiRequests();

    private HttpApiRequests() {
    }

    @Override
    public String method(GatewayEvent event, GatewayShape shape) {
        return GatewayRequests.require(event.contextMethod, shape, "requestContext.http.method")
                .toUpperCase(Locale.ROOT);
    }

    @Override
    public String path(GatewayEvent event, GatewayShape shape) {
        String raw = GatewayRequests.require(event.rawPath, shape, "rawPath");
        return ApiPaths.withoutStage(ApiPaths.encode(raw), event.stage);
    }

    @Override
    public HttpRequest.Builder request(GatewayEvent event, GatewayShape shape, String method, String path) {
        Headers.Builder headers = Headers.builder();
        List<String> pairs = event.headers;
        if (pairs != null) {
            for (int i = 0; i < pairs.size(); i += 2) {
                ListHeaders.add(headers, pairs.get(i), pairs.get(i + 1));
            }
        }
        List<String> cookies = event.cookies;
        if (cookies != null && !cookies.isEmpty()) {
            headers.set("cookie", String.join("; ", cookies));
        }
        return HttpRequest.builder()
                .method(method)
                .path(path)
                .query(QueryParameters.parse(event.rawQueryString))
                .headers(headers.build())
                .body(GatewayRequests.body(event, shape))
                .sourceIp(event.contextSourceIp);
    }
}
