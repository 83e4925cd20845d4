package dev.fnkit.aws;

import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.QueryParameters;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Application Load Balancer events, in either target-group mode: {@code multiValueHeaders} and
 * {@code multiValueQueryStringParameters} when multi-value headers are enabled, else {@code headers} and
 * {@code queryStringParameters} (where the balancer kept only the last of repeated values). ALB passes query names
 * and values as the client encoded them, so they are decoded here ({@code +} as space, as in forms). The source IP is
 * the last {@code x-forwarded-for} entry, the one the balancer added.
 */
final class AlbRequests implements GatewayRequests {
    static final AlbRequests INSTANCE = new AlbRequests();

    private AlbRequests() {
    }

    @Override
    public String method(GatewayEvent event, GatewayShape shape) {
        return GatewayRequests.require(event.httpMethod, shape, "httpMethod").toUpperCase(Locale.ROOT);
    }

    @Override
    public String path(GatewayEvent event, GatewayShape shape) {
        return ApiPaths.encode(GatewayRequests.require(event.path, shape, "path"));
    }

    @Override
    public HttpRequest.Builder request(GatewayEvent event, GatewayShape shape, String method, String path) {
        boolean multi = shape == GatewayShape.ALB_MULTI;
        Headers headers = RestApiRequests.headers(multi ? event.multiValueHeaders : event.headers);
        return HttpRequest.builder()
                .method(method)
                .path(path)
                .query(query(multi ? event.multiValueQuery : event.query))
                .headers(headers)
                .body(GatewayRequests.body(event, shape))
                .sourceIp(sourceIp(headers));
    }

    private static QueryParameters query(List<String> pairs) {
        if (pairs == null || pairs.isEmpty()) {
            return QueryParameters.EMPTY;
        }
        QueryParameters.Builder query = QueryParameters.builder();
        for (int i = 0; i < pairs.size(); i += 2) {
            String name = decode(pairs.get(i));
            if (!name.isEmpty()) {
                query.add(name, decode(pairs.get(i + 1)));
            }
        }
        return query.build();
    }

    private static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw FunctionException.badRequest("malformed-query", "Malformed percent escape in query parameter '"
                    + raw + "'");
        }
    }

    private static String sourceIp(Headers headers) {
        List<String> forwarded = headers.all("x-forwarded-for");
        if (forwarded.isEmpty()) {
            return null;
        }
        String last = forwarded.get(forwarded.size() - 1);
        int comma = last.lastIndexOf(',');
        String ip = (comma < 0 ? last : last.substring(comma + 1)).strip();
        return ip.isEmpty() ? null : ip;
    }
}
