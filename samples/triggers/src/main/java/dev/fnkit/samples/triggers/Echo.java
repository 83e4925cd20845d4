package dev.fnkit.samples.triggers;

import dev.fnkit.api.Context;
import dev.fnkit.api.HttpFunction;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers with a JSON picture of the request: method, path, path parameters, multi-valued query and headers,
 * cookies, and the body as base64 (and as text when it is UTF-8). Adapters are checked for fidelity with it.
 */
public final class Echo implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("method", request.method());
        echo.put("path", request.path());
        echo.put("pathParameters", request.pathParameters());
        echo.put("query", request.query().asMap());
        echo.put("headers", request.headers().asMap());
        echo.put("cookies", request.cookies());
        echo.put("bodyBase64", request.body().base64());
        echo.put("bodyText", request.body().utf8().orElse(null));
        echo.put("sourceIp", request.sourceIp().orElse(null));
        echo.put("requestId", context.requestId());
        echo.put("provider", context.provider().name());
        return HttpResponse.json(echo);
    }
}
