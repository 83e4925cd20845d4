package dev.fnkit.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import dev.fnkit.api.HttpRequest;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link HttpRequestMessage} shaped as the Java worker builds it from what the host sends: the URL is
 * {@code https://<host><escaped path><raw query>}; headers are lower-cased with repeated values joined by {@code ,}
 * (ASP.NET Core's {@code StringValues.ToString()}); the query map is single-valued the same way and leaves out empty
 * values; a request without a body has an empty body.
 */
final class EmulatedHttpRequest implements HttpRequestMessage<Optional<byte[]>> {
    static final String HOST = "fnkit-emulator.azurewebsites.net";

    private final URI uri;
    private final HttpMethod method;
    private final Map<String, String> headers;
    private final Map<String, String> query;
    private final Optional<byte[]> body;

    EmulatedHttpRequest(URI uri, HttpMethod method, Map<String, String> headers, Map<String, String> query,
                        byte[] body) {
        this.uri = uri;
        this.method = method;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        this.body = body == null || body.length == 0 ? Optional.empty() : Optional.of(body);
    }

    static EmulatedHttpRequest of(HttpRequest request) {
        String rawQuery = request.query().encode();
        URI uri = URI.create("https://" + HOST + request.path() + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", HOST);
        request.headers().asMap().forEach((name, values) -> headers.put(name, String.join(",", values)));
        Map<String, String> query = new LinkedHashMap<>();
        request.query().asMap().forEach((name, values) -> {
            List<String> present = values.stream().filter(v -> !v.isEmpty()).toList();
            if (!present.isEmpty()) {
                query.put(name, String.join(",", present));
            }
        });
        return new EmulatedHttpRequest(uri, HttpMethod.value(request.method()), headers, query,
                request.body().bytes());
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return headers;
    }

    @Override
    public Map<String, String> getQueryParameters() {
        return query;
    }

    @Override
    public Optional<byte[]> getBody() {
        return body;
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new EmulatedHttpResponse().status(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new EmulatedHttpResponse().status(status);
    }
}
