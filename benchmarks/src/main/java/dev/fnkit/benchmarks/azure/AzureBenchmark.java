package dev.fnkit.benchmarks.azure;

import com.microsoft.azure.functions.HttpResponseMessage;
import dev.fnkit.azure.FnkitAzure;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The per-invocation cost on Azure Functions of {@code GET /api/hello/Ada}, request message in to response message
 * out: {@link FnkitAzure#http} (the application, {@code samples/hello}, found through
 * {@link java.util.ServiceLoader} as in the worker; routing, context, response mapping) against a bare annotated
 * function whose route the worker has already bound.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AzureBenchmark {
    private final FnkitAzure fnkit = new FnkitAzure();
    private final BareAzureFunction bare = new BareAzureFunction();
    private final AzureRequest<Optional<byte[]>> binaryRequest = AzureRequest.helloGet(Optional.empty());
    private final AzureRequest<Optional<String>> textRequest = AzureRequest.helloGet(Optional.empty());

    @Benchmark
    public HttpResponseMessage fnkit() {
        return fnkit.http(binaryRequest, WorkerContext.INSTANCE);
    }

    @Benchmark
    public HttpResponseMessage bare() throws Exception {
        return bare.run(textRequest, "Ada", WorkerContext.INSTANCE);
    }
}
