package dev.fnkit.benchmarks.scf.gcp;

import dev.fnkit.benchmarks.fixtures.Events;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The Spring peer gives the same hello answers as fnkit and the bare function for the benchmark's inputs. */
class ScfGcpBenchmarkTest {
    @Test
    void greetsTheNameOfTheBodyAndOfTheMessage() throws Exception {
        assertThat(new String(ScfGcpBenchmark.serve(ScfGcpBenchmark.invoker("http")), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"Hello, Ada!\"}");
        HelloConfiguration.lastGreeting = null;
        assertThat(ScfGcpBenchmark.deliver(ScfGcpBenchmark.invoker("pubsub"),
                new String(Events.bytes("gcp-pubsub-legacy"), StandardCharsets.UTF_8))).isEqualTo("Hello, Ada!");
    }
}
