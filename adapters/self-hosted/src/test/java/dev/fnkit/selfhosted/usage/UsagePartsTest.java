package dev.fnkit.selfhosted.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Metering and the log store on their own. */
class UsagePartsTest {
    @Test
    void usageCountsPerFunctionAndKeyWithGbSecondsAndPercentiles() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Usage usage = new Usage(registry);
        for (int i = 1; i <= 100; i++) {
            usage.record("f", i <= 10 ? "ci" : null, i == 100 ? 503 : 200, i * 1_000_000L, 2048, i == 1);
        }
        JsonNode f = usage.snapshot().path("functions").path("f");
        assertThat(f.path("invocations").asLong()).isEqualTo(100);
        assertThat(f.path("errors").asLong()).isEqualTo(1);
        assertThat(f.path("coldStarts").asLong()).isEqualTo(1);
        assertThat(f.path("durationSeconds").asDouble()).isCloseTo(5.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.path("gbSeconds").asDouble()).isCloseTo(10.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.path("p50Millis").asDouble()).isBetween(45.0, 56.0);
        assertThat(f.path("p99Millis").asDouble()).isBetween(89.0, 110.0);
        JsonNode ci = usage.snapshot().path("apiKeys").path("ci");
        assertThat(ci.path("invocations").asLong()).isEqualTo(10);
        assertThat(ci.path("gbSeconds").asDouble()).isCloseTo(0.11, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(registry.scrape()).contains("fnkit_usage_invocations_total{api_key=\"ci\",function_name=\"f\"} 10.0")
                .contains("fnkit_usage_errors_total{api_key=\"none\",function_name=\"f\"} 1.0");
        assertThat(new LatencyHistogram().percentileMillis(0.5)).isZero();
    }

    @Test
    void theStoreKeepsTheLastLinesOfEachFunctionAndFeedsFollowers() throws InterruptedException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LogStore store = new LogStore(3, new PrintStream(printed, true, StandardCharsets.UTF_8));
        for (int i = 0; i < 5; i++) {
            store.line("shop-12", "stdout", "line " + i + " {\"requestId\":\"r" + i + "\"}");
        }
        store.line("other-1", "stderr", "requestId=abc failed");
        List<LogEntry> shop = store.query("shop", null);
        assertThat(shop).extracting(LogEntry::line).containsExactly("line 2 {\"requestId\":\"r2\"}",
                "line 3 {\"requestId\":\"r3\"}", "line 4 {\"requestId\":\"r4\"}");
        assertThat(shop).extracting(LogEntry::requestId).containsExactly("r2", "r3", "r4");
        assertThat(store.query(null, null)).hasSize(4).last().extracting(LogEntry::requestId).isEqualTo("abc");
        assertThat(store.query("shop", Instant.now().plusSeconds(60))).isEmpty();

        List<LogEntry> followed = new java.util.concurrent.CopyOnWriteArrayList<>();
        boolean[] ended = {false};
        LogStore.Follower follower = new LogStore.Follower("other", followed::add, () -> ended[0] = true);
        store.follow(follower, null);
        store.line("shop-1", "stdout", "not followed");
        store.access("other", "req-9", "GET", "/x", 200, 1_500_000, true, "other-1", "ci");
        long until = System.nanoTime() + 5_000_000_000L; // access lines reach followers when the printer next runs
        while (followed.size() < 2 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(followed).extracting(LogEntry::stream).containsExactly("stderr", "access");
        assertThat(followed.get(1).line()).contains("\"coldStart\":true").contains("\"apiKey\":\"ci\"")
                .contains("\"durationMillis\":1.5");
        store.close();
        assertThat(ended[0]).isTrue();
        assertThat(LogStore.functionOf("my-fn-3")).isEqualTo("my-fn");
        assertThat(LogStore.functionOf("prestarted-x")).isEqualTo("prestarted-x");
    }

    @Test
    void sinceIsAnInstantOrAnAge() {
        assertThat(LogsApi.since("")).isNull();
        assertThat(LogsApi.since("2026-01-31T12:00:00Z")).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
        assertThat(LogsApi.since("5m")).isBetween(Instant.now().minusSeconds(301), Instant.now().minusSeconds(299));
        assertThatThrownBy(() -> LogsApi.since("soon")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> LogsApi.since("m")).hasMessageContaining("ISO-8601");
    }
}
