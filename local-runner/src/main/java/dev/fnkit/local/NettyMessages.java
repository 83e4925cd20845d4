package dev.fnkit.local;

import dev.fnkit.api.Body;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.QueryParameters;
import dev.fnkit.core.Problem;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Converts between Netty's HTTP messages and the portable {@link HttpRequest} and {@link HttpResponse}. */
final class NettyMessages {
    /** Headers the server manages itself and does not copy from a response. */
    private static final Set<String> MANAGED = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive");
    /** Hop-by-hop headers, which describe the connection to the server and are not passed to functions. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "http2-settings");

    private NettyMessages() {
    }

    /**
     * The portable request: method, raw path, parsed query, every header value (except hop-by-hop headers and those
     * named in {@code Connection}), the body bytes and the caller's IP.
     *
     * @throws dev.fnkit.api.FunctionException 400 for a malformed query
     */
    static HttpRequest toRequest(FullHttpRequest request, String sourceIp) {
        Set<String> connectionHeaders = connectionOptions(request.headers().getAll(HttpHeaderNames.CONNECTION));
        Headers.Builder headers = Headers.builder();
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !connectionHeaders.contains(name)) {
                headers.add(name, header.getValue());
            }
        }
        return toRequest(request.method().name(), originForm(request.uri()), headers,
                ByteBufUtil.getBytes(request.content()), sourceIp);
    }

    /**
     * The portable request from its parts: the target in origin form (its fragment, if any, is dropped), the
     * headers a request passes on to functions.
     *
     * @throws dev.fnkit.api.FunctionException 400 for a malformed query
     */
    static HttpRequest toRequest(String method, String target, Headers.Builder headers, byte[] body,
                                 String sourceIp) {
        int fragment = target.indexOf('#');
        if (fragment >= 0) {
            target = target.substring(0, fragment);
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        QueryParameters query = q < 0 ? QueryParameters.EMPTY : QueryParameters.parse(target.substring(q + 1));
        return HttpRequest.builder()
                .method(method)
                .path(path)
                .query(query)
                .headers(headers.build())
                .body(Body.of(body))
                .sourceIp(sourceIp)
                .build();
    }

    /** The options of a request's {@code Connection} headers, lower case: among them the headers it names. */
    static Set<String> connectionOptions(Iterable<String> values) {
        Set<String> options = new HashSet<>();
        for (String value : values) {
            for (String token : value.split(",")) {
                options.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        return options;
    }

    /** True for a header (lower case) the server writes itself and never copies from a response. */
    static boolean managed(String name) {
        return MANAGED.contains(name);
    }

    /** True for a hop-by-hop header (lower case), which is not passed on to functions. */
    static boolean hopByHop(String name) {
        return HOP_BY_HOP.contains(name);
    }

    /** The path and query of a request target, also when a client sent the absolute form. */
    private static String originForm(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme > 0 && !uri.startsWith("/")) {
            int slash = uri.indexOf('/', scheme + 3);
            int query = uri.indexOf('?', scheme + 3);
            if (slash < 0 || query >= 0 && query < slash) {
                return "/" + (query < 0 ? "" : uri.substring(query));
            }
            return uri.substring(slash);
        }
        return uri;
    }

    /**
     * The Netty response: every header value written separately, the body as is (none for HEAD, with the length
     * it would have had), {@code Content-Length} always set by the server.
     */
    static FullHttpResponse toNetty(HttpResponse response, boolean head) {
        byte[] body = response.body().bytes();
        int code = response.status();
        boolean bodiless = code < 200 || code == 204 || code == 304;
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code),
                head || bodiless || body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body),
                new DefaultHttpHeaders(), EmptyHttpHeaders.INSTANCE);
        HttpHeaders headers = out.headers();
        response.headers().forEach((name, value) -> {
            if (!MANAGED.contains(name)) {
                headers.add(name, value);
            }
        });
        if (!bodiless) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        return out;
    }

    /** A problem response written by the server itself. */
    static FullHttpResponse problem(Problem problem, boolean head) {
        return toNetty(problem.toResponse(), head);
    }

    /** True when a response asks for its connection to be closed. */
    static boolean asksToClose(HttpResponse response) {
        for (String value : response.headers().all("connection")) {
            if (value.toLowerCase(Locale.ROOT).contains("close")) {
                return true;
            }
        }
        return false;
    }
}
