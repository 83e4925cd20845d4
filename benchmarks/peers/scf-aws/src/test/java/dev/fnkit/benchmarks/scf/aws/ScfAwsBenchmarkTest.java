package dev.fnkit.benchmarks.scf.aws;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The Spring peer gives the same hello answers as fnkit and the floor for the benchmark's event bytes. */
class ScfAwsBenchmarkTest {
    private static String answer(String event) throws Exception {
        return new String(ScfAwsBenchmark.invoke(ScfAwsBenchmark.invoker(event, "WARN"),
                ScfAwsBenchmark.payload(event)), StandardCharsets.UTF_8);
    }

    @Test
    void answersEveryEventLikeThePeers() throws Exception {
        assertThat(answer("http-api-v2")).contains("\"statusCode\":200")
                .contains("{\\\"message\\\":\\\"Hello, Ada!\\\"}");
        assertThat(answer("rest-api")).contains("\"statusCode\":200")
                .contains("{\\\"message\\\":\\\"Hello, Ada!\\\"}");
        HelloConfiguration.lastGreeting = null;
        assertThat(answer("sqs-10")).contains("\"batchItemFailures\":[]");
        assertThat(HelloConfiguration.lastGreeting).isEqualTo("Hello, Ken!");
    }
}
