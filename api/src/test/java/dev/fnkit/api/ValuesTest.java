package dev.fnkit.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuesTest {
    @Test
    void traceparentParsesAndFormats() {
        String header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        TraceContext trace = TraceContext.parse(header, "congo=t61rcWkgMzE").orElseThrow();
        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(trace.sampled()).isTrue();
        assertThat(trace.traceState()).isEqualTo("congo=t61rcWkgMzE");
        assertThat(trace.traceparent()).isEqualTo(header);
    }

    @Test
    void invalidTraceparentsAreIgnored() {
        for (String bad : List.of("", "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")) {
            assertThat(TraceContext.parse(bad, null)).as(bad).isEmpty();
        }
        assertThat(TraceContext.parse(null, null)).isEmpty();
    }

    @Test
    void functionExceptionStatusAndRetry() {
        assertThat(FunctionException.badRequest("x", "m").retryable()).isFalse();
        assertThat(FunctionException.unavailable("x", "m").retryable()).isTrue();
        assertThat(new FunctionException(429, "slow", "m").retryable()).isTrue();
        assertThat(FunctionException.notFound("nf", "m").status()).isEqualTo(404);
        assertThat(FunctionException.conflict("c", "m").code()).isEqualTo("c");
        assertThat(FunctionException.unprocessable("u", "m").status()).isEqualTo(422);
        assertThatThrownBy(() -> new FunctionException(200, "x", "m")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void batchResult() {
        assertThat(BatchResult.success().allSucceeded()).isTrue();
        assertThat(BatchResult.failed(List.of())).isSameAs(BatchResult.success());
        assertThat(BatchResult.failed("a", "b").failedItemIds()).containsExactly("a", "b");
    }

    @Test
    void optionsAreValidated() {
        assertThat(FunctionOptions.DEFAULTS.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> new FunctionOptions(Duration.ZERO, 512, 0, 0, 0, Map.of(), null))
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> new FunctionOptions(Duration.ofSeconds(1), 64, 0, 0, 0, Map.of(), null))
                .hasMessageContaining("memoryMb");
        assertThatThrownBy(() -> new FunctionOptions(Duration.ofSeconds(1), 512, 3, 2, 0, Map.of(), null))
                .hasMessageContaining("minInstances");
    }

    @Test
    void retryPolicies() {
        assertThat(RetryPolicy.fixed(3, Duration.ofSeconds(1)).exponential()).isFalse();
        assertThat(RetryPolicy.exponential(3, Duration.ofSeconds(1), Duration.ofSeconds(8)).exponential()).isTrue();
        assertThat(RetryPolicy.none().maxRetries()).isZero();
        assertThatThrownBy(() -> RetryPolicy.exponential(1, Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void triggersValidate() {
        assertThat(Trigger.queue("q").batchSize()).isEqualTo(1);
        assertThat(Trigger.storage("b", StorageChange.CREATED, StorageChange.DELETED).changes())
                .containsExactlyInAnyOrder(StorageChange.CREATED, StorageChange.DELETED);
        assertThatThrownBy(() -> new Trigger.Queue(" ", 1)).hasMessageContaining("queue");
        assertThatThrownBy(() -> new Trigger.Stream("s", 0)).hasMessageContaining("batch size");
        assertThat(new Route("get", "/x").method()).isEqualTo("GET");
        assertThat(new Route("*", "/x").anyMethod()).isTrue();
    }
}
