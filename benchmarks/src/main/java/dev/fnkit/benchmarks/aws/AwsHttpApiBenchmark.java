package dev.fnkit.benchmarks.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Application;
import dev.fnkit.aws.FnkitLambda;
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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The per-invocation cost of an API Gateway HTTP API (payload 2.0) request on Lambda, bytes in to bytes out: the
 * event goes through {@link FnkitLambda#handleRequest} (event parsing, shape detection, request mapping, routing,
 * context, a hello function answering JSON, response mapping), against a hand-written {@link RequestStreamHandler}
 * that reads the event with Jackson and writes the same response as the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AwsHttpApiBenchmark {
    /** What the hello function answers. */
    public record Greeting(String message) {
    }

    /** A realistic HTTP API event for {@code GET /hello/Ada}, as API Gateway sends it. */
    static final String EVENT = """
            {"version":"2.0","routeKey":"GET /hello/{name}","rawPath":"/hello/Ada","rawQueryString":"lang=en",
             "headers":{"accept":"application/json","accept-encoding":"gzip, deflate, br","accept-language":"en-US,en;q=0.9",
              "content-length":"0","host":"abcdef1234.execute-api.us-east-1.amazonaws.com",
              "user-agent":"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
              "x-amzn-trace-id":"Root=1-65f0c0de-3f1b2c3d4e5f60718293a4b5","x-forwarded-for":"203.0.113.9",
              "x-forwarded-port":"443","x-forwarded-proto":"https"},
             "queryStringParameters":{"lang":"en"},"pathParameters":{"name":"Ada"},
             "requestContext":{"accountId":"123456789012","apiId":"abcdef1234",
              "domainName":"abcdef1234.execute-api.us-east-1.amazonaws.com","domainPrefix":"abcdef1234",
              "http":{"method":"GET","path":"/hello/Ada","protocol":"HTTP/1.1","sourceIp":"203.0.113.9",
               "userAgent":"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"},
              "requestId":"JKJaXmPLvHcESHA=","routeKey":"GET /hello/{name}","stage":"$default",
              "time":"12/Mar/2024:19:03:58 +0000","timeEpoch":1710270238000},
             "isBase64Encoded":false}
            """;

    private RequestStreamHandler fnkit;
    private RequestStreamHandler floor;
    private byte[] event;
    private Context context;

    @Setup
    public void setUp() throws IOException {
        Application application = Application.of(functions -> functions.http("hello", (request, ctx) ->
                HttpResponse.json(new Greeting("Hello, " + request.pathParameter("name").orElse("world") + "!")))
                .route("GET", "/hello/{name}"));
        fnkit = FnkitLambda.of(application, "hello");
        floor = new JacksonHandler();
        event = EVENT.getBytes(StandardCharsets.UTF_8);
        context = new BenchmarkContext();
        String fnkitOut = new String(invoke(fnkit), StandardCharsets.UTF_8);
        String floorOut = new String(invoke(floor), StandardCharsets.UTF_8);
        if (!fnkitOut.contains("Hello, Ada!") || !floorOut.contains("Hello, Ada!")) {
            throw new IllegalStateException("unexpected responses: " + fnkitOut + " / " + floorOut);
        }
    }

    @Benchmark
    public byte[] fnkit() throws IOException {
        return invoke(fnkit);
    }

    @Benchmark
    public byte[] floor() throws IOException {
        return invoke(floor);
    }

    private byte[] invoke(RequestStreamHandler handler) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        handler.handleRequest(new ByteArrayInputStream(event), out, context);
        return out.toByteArray();
    }

    /** The floor: what a careful hand-written handler does with Jackson for the same route. */
    static final class JacksonHandler implements RequestStreamHandler {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        @Override
        public void handleRequest(java.io.InputStream input, java.io.OutputStream output, Context context)
                throws IOException {
            JsonNode event = MAPPER.readTree(input);
            String method = event.path("requestContext").path("http").path("method").asText();
            String path = event.path("rawPath").asText();
            int status = 200;
            byte[] body;
            if ("GET".equals(method) && path.startsWith("/hello/") && path.indexOf('/', 7) < 0) {
                body = MAPPER.writeValueAsBytes(new Greeting("Hello, " + path.substring(7) + "!"));
            } else {
                status = 404;
                body = "{\"message\":\"not found\"}".getBytes(StandardCharsets.UTF_8);
            }
            try (JsonGenerator json = MAPPER.getFactory().createGenerator(output)) {
                json.writeStartObject();
                json.writeNumberField("statusCode", status);
                json.writeObjectFieldStart("headers");
                json.writeStringField("content-type", "application/json");
                json.writeEndObject();
                json.writeFieldName("body");
                json.writeUTF8String(body, 0, body.length);
                json.writeBooleanField("isBase64Encoded", false);
                json.writeEndObject();
            }
        }
    }

    /** The Lambda context the runtime would pass. */
    static final class BenchmarkContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "8476a536-e9f4-11e8-9739-2dfe598c3fcd";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/hello";
        }

        @Override
        public String getLogStreamName() {
            return "2024/03/12/[$LATEST]2e1d4f2b1f5c4e7a9c8b7a6f5e4d3c2b";
        }

        @Override
        public String getFunctionName() {
            return "hello";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:hello";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 29_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            throw new FunctionException(500, "no-logger", "not used");
        }
    }
}
