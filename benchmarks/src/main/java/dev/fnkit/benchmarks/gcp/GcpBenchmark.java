package dev.fnkit.benchmarks.gcp;

import com.google.cloud.functions.CloudEventsFunction;
import com.google.cloud.functions.HttpFunction;
import dev.fnkit.benchmarks.HelloApp;
import dev.fnkit.benchmarks.fixtures.Events;
import dev.fnkit.benchmarks.fixtures.MemoryRequest;
import dev.fnkit.benchmarks.fixtures.MemoryResponse;
import dev.fnkit.gcp.BenchmarkEntryPoints;
import dev.fnkit.gcp.FnkitHttpFunction;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
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

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;

/**
 * The per-invocation cost on Cloud Functions: {@code http} is a {@code POST /hello} of {@code {"name":"Ada"}}
 * through {@link FnkitHttpFunction} against a bare {@link HttpFunction} with Jackson; {@code pubsub} is a Pub/Sub
 * CloudEvent (as the invoker decodes it) through fnkit's CloudEvents entry point against a bare
 * {@link CloudEventsFunction}. Spring Cloud Function's side is {@code ScfGcpBenchmark} in
 * {@code benchmarks/peers/scf-gcp}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GcpBenchmark {
    @Param({"http", "pubsub"})
    public String event;

    private HttpFunction fnkitHttp;
    private CloudEventsFunction fnkitEvents;
    private final HttpFunction bareHttp = new BareHttpFunction();
    private final CloudEventsFunction bareEvents = new BarePubSubFunction();
    private CloudEvent message;

    @Setup
    public void setUp() {
        fnkitHttp = FnkitHttpFunction.of(HelloApp.application(), "hello");
        fnkitEvents = BenchmarkEntryPoints.cloudEvents(HelloApp.application(), "greet-topic");
        message = pubSubEvent();
    }

    @Benchmark
    public Object fnkit() throws Exception {
        return "http".equals(event) ? serve(fnkitHttp) : deliver(fnkitEvents, message);
    }

    @Benchmark
    public Object bare() throws Exception {
        return "http".equals(event) ? serve(bareHttp) : deliver(bareEvents, message);
    }

    /** The Pub/Sub CloudEvent the invoker hands over for {@code /events/gcp-pubsub-data.json}. */
    static CloudEvent pubSubEvent() {
        return CloudEventBuilder.v1().withId("2070443601311540")
                .withSource(URI.create("//pubsub.googleapis.com/projects/test-project/topics/hello-topic"))
                .withType("google.cloud.pubsub.topic.v1.messagePublished")
                .withTime(OffsetDateTime.parse("2024-03-12T19:03:58.123Z"))
                .withDataContentType("application/json")
                .withData(Events.bytes("gcp-pubsub-data")).build();
    }

    static byte[] serve(HttpFunction function) throws Exception {
        MemoryResponse response = new MemoryResponse();
        function.service(MemoryRequest.helloPost(), response);
        return response.body();
    }

    static String deliver(CloudEventsFunction function, CloudEvent event) throws Exception {
        function.accept(event);
        return HelloApp.lastGreeting;
    }
}
