package dev.fnkit.compat.gcp;

import com.google.cloud.functions.HttpRequest;
import dev.fnkit.api.FunctionException;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Functions Framework's {@link HttpRequest} over a portable request: the URI as sent (path still
 * percent-encoded, query re-encoded), headers case-insensitive with every value, query parameters decoded and
 * multi-valued, the body as a stream or a reader in the content type's charset.
 */
final class PortableHttpRequest implements HttpRequest {
    private final dev.fnkit.api.HttpRequest request;
    private final Map<String, List<String>> headers;

    PortableHttpRequest(dev.fnkit.api.HttpRequest request) {
        this.request = request;
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(request.headers().asMap());
        this.headers = Collections.unmodifiableMap(byName);
    }

    @Override
    public String getMethod() {
        return request.method();
    }

    @Override
    public String getUri() {
        return getQuery().map(q -> request.path() + "?" + q).orElse(request.path());
    }

    @Override
    public String getPath() {
        return request.path();
    }

    @Override
    public Optional<String> getQuery() {
        return request.query().isEmpty() ? Optional.empty() : Optional.of(request.query().encode());
    }

    @Override
    public Map<String, List<String>> getQueryParameters() {
        return request.query().asMap();
    }

    /** Multipart bodies are not split into parts here; read {@link #getInputStream()} instead. */
    @Override
    public Map<String, HttpPart> getParts() {
        String type = getContentType().orElse("");
        if (!type.regionMatches(true, 0, "multipart/form-data", 0, "multipart/form-data".length())) {
            throw new IllegalStateException("Content-Type is not multipart/form-data: " + type);
        }
        throw new FunctionException(415, "multipart-unsupported",
                "The Cloud Functions compatibility layer does not split multipart bodies into parts");
    }

    @Override
    public Optional<String> getContentType() {
        return request.contentType();
    }

    @Override
    public long getContentLength() {
        return request.body().size();
    }

    @Override
    public Optional<String> getCharacterEncoding() {
        return getContentType().flatMap(PortableHttpRequest::charsetParameter);
    }

    @Override
    public InputStream getInputStream() {
        return new ByteArrayInputStream(request.body().bytes());
    }

    @Override
    public BufferedReader getReader() {
        Charset charset = StandardCharsets.UTF_8;
        Optional<String> name = getCharacterEncoding();
        if (name.isPresent()) {
            try {
                charset = Charset.forName(name.get());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw FunctionException.badRequest("unsupported-charset", "Unsupported charset '" + name.get() + "'");
            }
        }
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    private static Optional<String> charsetParameter(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.length() > 8 && p.regionMatches(true, 0, "charset=", 0, 8)) {
                return Optional.of(p.substring(8).replace("\"", "").strip());
            }
        }
        return Optional.empty();
    }
}
