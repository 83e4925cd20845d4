package dev.fnkit.azure;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import dev.fnkit.api.FunctionLogger;
import dev.fnkit.api.HttpResponse;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Portable {@link HttpResponse} → {@link HttpResponseMessage}. {@code HttpResponseMessage.Builder.header} keeps one
 * value per name (the worker stores headers in a map, and the host adds each name once), so repeated values of a
 * header are joined with {@code ", "} — the list form HTTP defines for repeatable headers. {@code Set-Cookie}
 * cannot be joined: only its first value is sent and the others are logged as dropped. The body is sent as bytes.
 */
final class HttpResponses {
    static final String SET_COOKIE = "set-cookie";

    private HttpResponses() {
    }

    static HttpResponseMessage write(HttpResponse response,
                                     Function<HttpStatusType, HttpResponseMessage.Builder> builders,
                                     FunctionLogger logger) {
        HttpResponseMessage.Builder builder = builders.apply(HttpStatusType.custom(response.status()));
        for (Map.Entry<String, List<String>> header : response.headers().asMap().entrySet()) {
            List<String> values = header.getValue();
            if (values.isEmpty()) {
                continue;
            }
            if (SET_COOKIE.equals(header.getKey())) {
                builder.header(header.getKey(), values.get(0));
                if (values.size() > 1 && logger != null) {
                    logger.warn("Azure Functions (Java) sends one Set-Cookie header per response; dropped "
                            + (values.size() - 1) + " more: " + values.subList(1, values.size()).stream()
                            .map(v -> v.split("=", 2)[0]).toList());
                }
            } else {
                builder.header(header.getKey(), values.size() == 1 ? values.get(0) : String.join(", ", values));
            }
        }
        if (!response.body().isEmpty()) {
            builder.body(response.body().bytes());
        }
        return builder.build();
    }
}
