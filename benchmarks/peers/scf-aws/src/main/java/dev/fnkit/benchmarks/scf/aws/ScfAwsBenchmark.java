package dev.fnkit.benchmarks.scf.aws;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
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
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Spring Cloud Function's AWS {@link FunctionInvoker} over the same event bytes as {@code AwsBenchmark} in
 * fnkit-benchmarks: the peer's side of the per-invocation comparison. {@code scfLogLevel} is the level of
 * {@code org.springframework.cloud.function}: {@code INFO} is Spring's default, which logs every event received.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScfAwsBenchmark {
    /** Which bean answers which event file of {@code /events}. */
    static final Map<String, String> DEFINITIONS = Map.of("http-api-v2", "httpApi", "rest-api", "restApi",
            "sqs-10", "sqs");

    @Param({"http-api-v2", "rest-api", "sqs-10"})
    public String event;

    @Param({"WARN"})
    public String scfLogLevel;

    private RequestStreamHandler invoker;
    private byte[] payload;

    @Setup
    public void setUp() {
        invoker = invoker(event, scfLogLevel);
        payload = payload(event);
    }

    @Benchmark
    public byte[] scf() throws IOException {
        return invoke(invoker, payload);
    }

    /** A started {@link FunctionInvoker} for one event type, as Lambda would construct it. */
    static RequestStreamHandler invoker(String event, String logLevel) {
        System.setProperty("MAIN_CLASS", HelloConfiguration.class.getName());
        System.setProperty("logging.level.org.springframework.cloud.function", logLevel);
        return new FunctionInvoker(DEFINITIONS.get(event));
    }

    static byte[] payload(String event) {
        return Events.bytes("aws-" + event);
    }

    static byte[] invoke(RequestStreamHandler handler, byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        handler.handleRequest(new ByteArrayInputStream(payload), out, LambdaContext.INSTANCE);
        return out.toByteArray();
    }
}
