package dev.fnkit.benchmarks.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;

import java.net.URI;
import java.util.Map;

/**
 * An HTTP request as the Java worker builds it from what the host sends: the URL, lower-case single-valued headers,
 * the single-valued query map, the body in the binding's data type.
 *
 * @param <T> the body type: {@code Optional<byte[]>} for {@code dataType: binary}, {@code Optional<String>} else
 */
record AzureRequest<T>(URI getUri, HttpMethod getHttpMethod, Map<String, String> getHeaders,
                       Map<String, String> getQueryParameters, T getBody) implements HttpRequestMessage<T> {
    /** The headers of a browser's {@code GET /api/hello/Ada}. */
    static final Map<String, String> HEADERS = Map.of("host", "hello.azurewebsites.net",
            "accept", "application/json", "accept-encoding", "gzip, deflate, br",
            "user-agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0",
            "x-forwarded-for", "203.0.113.9:50312", "x-forwarded-proto", "https",
            "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    static <T> AzureRequest<T> helloGet(T emptyBody) {
        return new AzureRequest<>(URI.create("https://hello.azurewebsites.net/api/hello/Ada"), HttpMethod.GET,
                HEADERS, Map.of(), emptyBody);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new AzureResponse().status(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new AzureResponse().status(status);
    }
}
