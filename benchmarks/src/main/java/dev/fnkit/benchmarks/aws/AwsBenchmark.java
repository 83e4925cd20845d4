package dev.fnkit.benchmarks.aws;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.fnkit.aws.FnkitLambda;
import dev.fnkit.benchmarks.HelloApp;
import dev.fnkit.benchmarks.fixtures.Events;
import dev.fnkit.benchmarks.fixtures.LambdaContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The per-invocation cost on Lambda, bytes in to bytes out, for an HTTP API (payload 2.0) request, a REST API
 * request and an SQS batch of ten: {@link FnkitLambda#handleRequest} (event parsing, shape detection, request
 * mapping, routing, context, {@code samples/hello}, response mapping) against a hand-written
 * {@link RequestStreamHandler} with Jackson (the floor). Spring Cloud Function's side is {@code ScfAwsBenchmark} in
 * {@code benchmarks/peers/scf-aws}, on the same event files.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AwsBenchmark {
    @Param({"http-api-v2", "rest-api", "sqs-10"})
    public String event;

    private RequestStreamHandler fnkit;
    private RequestStreamHandler floor;
    private byte[] payload;

    @Setup
    public void setUp() {
        fnkit = fnkit(event);
        floor = floor(event);
        payload = Events.bytes("aws-" + event);
    }

    @Benchmark
    public byte[] fnkit() throws IOException {
        return invoke(fnkit, payload);
    }

    @Benchmark
    public byte[] floor() throws IOException {
        return invoke(floor, payload);
    }

    static RequestStreamHandler fnkit(String event) {
        return FnkitLambda.of(HelloApp.application(), event.startsWith("sqs") ? "greet" : "hello");
    }

    static RequestStreamHandler floor(String event) {
        return switch (event) {
            case "http-api-v2" -> new HttpApiFloor();
            case "rest-api" -> new RestApiFloor();
            case "sqs-10" -> new SqsFloor();
            default -> throw new IllegalArgumentException("no floor for " + event);
        };
    }

    static byte[] invoke(RequestStreamHandler handler, byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        handler.handleRequest(new ByteArrayInputStream(payload), out, LambdaContext.INSTANCE);
        return out.toByteArray();
    }
}
