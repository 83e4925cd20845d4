package dev.fnkit.benchmarks.gcp;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.fnkit.core.Application;
import dev.fnkit.gcp.FnkitHttpFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The per-invocation cost of the Google Cloud Functions HTTP path: a hello function that answers
 * {@code Hello, <body>!} through {@link FnkitHttpFunction#service} (request mapping, routing, context, the portable
 * function, response mapping), against a bare Functions Framework {@link HttpFunction} doing the same work as the
 * floor. Both get the same in-memory request (bytes in) and write to an in-memory response (bytes out).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GcpHttpBenchmark {
    private static final byte[] PREFIX = "Hello, ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SUFFIX = "!".getBytes(StandardCharsets.UTF_8);
    private static final String TEXT = "text/plain; charset=utf-8";

    private HttpFunction fnkit;
    private HttpFunction bare;
    private Map<String, List<String>> headers;
    private byte[] body;

    @Setup
    public void setUp() {
        Application application = Application.of(functions -> functions.http("hello", (request, context) ->
                dev.fnkit.api.HttpResponse.builder().contentType(TEXT).body(greeting(request.body().bytes())).build())
                .route("POST", "/hello"));
        fnkit = FnkitHttpFunction.of(application, "hello");
        bare = (request, response) -> {
            byte[] name;
            try (InputStream in = request.getInputStream()) {
                name = in.readAllBytes();
            }
            response.setStatusCode(200);
            response.setContentType(TEXT);
            response.getOutputStream().write(greeting(name));
        };
        headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", List.of("text/plain"));
        headers.put("User-Agent", List.of("benchmark/1.0"));
        headers.put("X-Cloud-Trace-Context", List.of("105445aa7843bc8bf206b12000100000/1;o=1"));
        headers.put("Function-Execution-Id", List.of("exec-1"));
        body = "World".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] greeting(byte[] name) {
        byte[] out = new byte[PREFIX.length + name.length + SUFFIX.length];
        System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
        System.arraycopy(name, 0, out, PREFIX.length, name.length);
        System.arraycopy(SUFFIX, 0, out, PREFIX.length + name.length, SUFFIX.length);
        return out;
    }

    @Benchmark
    public byte[] fnkit() throws Exception {
        return serve(fnkit);
    }

    @Benchmark
    public byte[] bare() throws Exception {
        return serve(bare);
    }

    private byte[] serve(HttpFunction function) throws Exception {
        Response response = new Response();
        function.service(new Request("POST", "/hello", headers, body), response);
        return response.body.toByteArray();
    }

    /** An in-memory request as the invoker hands it over. */
    static final class Request implements HttpRequest {
        private final String method;
        private final String uri;
        private final Map<String, List<String>> headers;
        private final byte[] body;

        Request(String method, String uri, Map<String, List<String>> headers, byte[] body) {
            this.method = method;
            this.uri = uri;
            this.headers = headers;
            this.body = body;
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getUri() {
            return uri;
        }

        @Override
        public String getPath() {
            return uri;
        }

        @Override
        public Optional<String> getQuery() {
            return Optional.empty();
        }

        @Override
        public Map<String, List<String>> getQueryParameters() {
            return Map.of();
        }

        @Override
        public Map<String, HttpPart> getParts() {
            return Map.of();
        }

        @Override
        public Optional<String> getContentType() {
            return getFirstHeader("Content-Type");
        }

        @Override
        public long getContentLength() {
            return body.length;
        }

        @Override
        public Optional<String> getCharacterEncoding() {
            return Optional.empty();
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }
    }

    /** An in-memory response that keeps what was written. */
    static final class Response implements HttpResponse {
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(64);
        private int status = 200;

        @Override
        public void setStatusCode(int code) {
            status = code;
        }

        @Override
        public void setStatusCode(int code, String message) {
            status = code;
        }

        @Override
        public void setContentType(String contentType) {
            headers.put("Content-Type", List.of(contentType));
        }

        @Override
        public Optional<String> getContentType() {
            List<String> values = headers.get("Content-Type");
            return values == null ? Optional.empty() : Optional.of(values.get(0));
        }

        @Override
        public void appendHeader(String header, String value) {
            headers.computeIfAbsent(header, h -> new ArrayList<>(1)).add(value);
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public OutputStream getOutputStream() {
            return body;
        }

        @Override
        public BufferedWriter getWriter() {
            return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
        }
    }
}
