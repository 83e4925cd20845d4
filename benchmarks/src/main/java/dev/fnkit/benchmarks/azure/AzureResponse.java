package dev.fnkit.benchmarks.azure;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;

import java.util.LinkedHashMap;
import java.util.Map;

/** The worker's response builder and the response it builds: a status, single-valued headers, a body. */
final class AzureResponse implements HttpResponseMessage, HttpResponseMessage.Builder {
    private final Map<String, String> headers = new LinkedHashMap<>();
    private HttpStatusType status;
    private Object body;

    @Override
    public HttpResponseMessage.Builder status(HttpStatusType newStatus) {
        status = newStatus;
        return this;
    }

    @Override
    public HttpResponseMessage.Builder header(String key, String value) {
        headers.put(key, value);
        return this;
    }

    @Override
    public HttpResponseMessage.Builder body(Object newBody) {
        body = newBody;
        return this;
    }

    @Override
    public HttpResponseMessage build() {
        return this;
    }

    @Override
    public HttpStatusType getStatus() {
        return status;
    }

    @Override
    public String getHeader(String key) {
        return headers.get(key);
    }

    @Override
    public Object getBody() {
        return body;
    }
}
