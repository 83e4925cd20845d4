package dev.fnkit.benchmarks.core;

import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;
import dev.fnkit.core.Application;
import dev.fnkit.core.HttpDispatch;
import dev.fnkit.core.InvocationContext;
import dev.fnkit.core.LineLogger;
import dev.fnkit.core.LogFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The portable dispatch path the local runner and self-hosted workers take for one HTTP request: routing with a
 * path parameter, context creation, the function, and JSON encoding of its answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatchBenchmark {
    private final LineLogger silent = new LineLogger(new PrintStream(OutputStream.nullOutputStream()), LogFormat.TEXT,
            LineLogger.Level.ERROR, Map.of());
    private final HttpDispatch dispatch = new HttpDispatch(Application.of(functions ->
            functions.http("hello", (request, context) -> HttpResponse.json(
                    Map.of("message", "Hello, " + request.pathParameter("name").orElse("world") + "!")))
                    .route("GET", "/hello/{name}")),
            (function, request) -> InvocationContext.builder().requestId("r").functionName(function.name())
                    .deadline(Instant.now().plusSeconds(30)).provider(Provider.LOCAL).coldStart(false)
                    .logger(silent).build());
    private final HttpRequest request = HttpRequest.builder("GET", "/hello/Ada")
            .headers(Headers.of("accept", "application/json", "user-agent", "bench")).build();

    @Benchmark
    public HttpResponse helloThroughDispatch() {
        return dispatch.handle(request);
    }
}
