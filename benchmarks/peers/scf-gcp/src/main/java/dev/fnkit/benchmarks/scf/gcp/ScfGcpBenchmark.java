package dev.fnkit.benchmarks.scf.gcp;

import com.google.cloud.functions.Context;
import dev.fnkit.benchmarks.fixtures.Events;
import dev.fnkit.benchmarks.fixtures.MemoryRequest;
import dev.fnkit.benchmarks.fixtures.MemoryResponse;
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
import org.springframework.cloud.function.adapter.gcp.FunctionInvoker;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Spring Cloud Function's GCP {@link FunctionInvoker} on the same inputs as {@code GcpBenchmark} in
 * fnkit-benchmarks: {@code http} is a {@code POST /hello} of {@code {"name":"Ada"}}; {@code pubsub} is the Pub/Sub
 * message the background-function signature gets (the adapter has no CloudEvent entry point, so it receives the
 * message JSON where fnkit and the bare function receive the CloudEvent the invoker decoded).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScfGcpBenchmark {
    @Param({"http", "pubsub"})
    public String event;

    private FunctionInvoker invoker;
    private String message;

    @Setup
    public void setUp() {
        invoker = invoker(event);
        message = new String(Events.bytes("gcp-pubsub-legacy"), StandardCharsets.UTF_8);
    }

    @Benchmark
    public Object scf() throws Exception {
        return "http".equals(event) ? serve(invoker) : deliver(invoker, message);
    }

    /** A started invoker for one function, as the Functions Framework would construct it. */
    static FunctionInvoker invoker(String event) {
        System.setProperty("spring.cloud.function.definition", "http".equals(event) ? "hello" : "greet");
        System.setProperty("logging.level.org.springframework.cloud.function", "WARN");
        return new FunctionInvoker(HelloConfiguration.class);
    }

    static byte[] serve(FunctionInvoker invoker) throws Exception {
        MemoryResponse response = new MemoryResponse();
        invoker.service(MemoryRequest.helloPost(), response);
        return response.body();
    }

    static String deliver(FunctionInvoker invoker, String message) {
        invoker.accept(message, PubSubContext.INSTANCE);
        return HelloConfiguration.lastGreeting;
    }

    /** The background-function context of a Pub/Sub delivery. */
    enum PubSubContext implements Context {
        INSTANCE;

        @Override
        public String eventId() {
            return "2070443601311540";
        }

        @Override
        public String timestamp() {
            return "2024-03-12T19:03:58.123Z";
        }

        @Override
        public String eventType() {
            return "google.pubsub.topic.publish";
        }

        @Override
        public String resource() {
            return "projects/test-project/topics/hello";
        }
    }
}
