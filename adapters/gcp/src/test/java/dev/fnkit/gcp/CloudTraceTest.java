package dev.fnkit.gcp;

import dev.fnkit.api.Headers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CloudTraceTest {
    @Test
    void convertsTheCloudTraceHeaderSpanFromDecimalToHex() {
        CloudTrace trace = CloudTrace.fromCloudTraceContext("105445aa7843bc8bf206b12000100000/12345678901234567;o=1");
        assertThat(trace.traceId()).isEqualTo("105445aa7843bc8bf206b12000100000");
        assertThat(trace.spanId()).isEqualTo("002bdc545d6b4b87");
        assertThat(trace.sampled()).isTrue();
        assertThat(trace.context().traceparent())
                .isEqualTo("00-105445aa7843bc8bf206b12000100000-002bdc545d6b4b87-01");
    }

    @Test
    void handlesTheLargestSpanAndUnsampledOrPartialHeaders() {
        assertThat(CloudTrace.fromCloudTraceContext("105445aa7843bc8bf206b12000100000/18446744073709551615;o=0")
                .spanId()).isEqualTo("ffffffffffffffff");
        CloudTrace noSpan = CloudTrace.fromCloudTraceContext("105445AA7843BC8BF206B12000100000");
        assertThat(noSpan.traceId()).isEqualTo("105445aa7843bc8bf206b12000100000");
        assertThat(noSpan.spanId()).isNull();
        assertThat(noSpan.context()).isNull();
        assertThat(noSpan.sampled()).isFalse();
        assertThat(CloudTrace.fromCloudTraceContext("105445aa7843bc8bf206b12000100000/0;o=1").context()).isNull();
        assertThat(CloudTrace.fromCloudTraceContext("105445aa7843bc8bf206b12000100000/18446744073709551616").spanId())
                .isNull();
        assertThat(CloudTrace.fromCloudTraceContext("not-a-trace/1;o=1")).isNull();
        assertThat(CloudTrace.fromCloudTraceContext("00000000000000000000000000000000/1")).isNull();
    }

    @Test
    void prefersAValidTraceparent() {
        Headers both = Headers.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
                "tracestate", "vendor=1", "X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1");
        CloudTrace trace = CloudTrace.fromHeaders(both);
        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.sampled()).isFalse();
        assertThat(trace.context().traceState()).isEqualTo("vendor=1");

        Headers invalid = Headers.of("traceparent", "garbage", "X-Cloud-Trace-Context",
                "105445aa7843bc8bf206b12000100000/1;o=1");
        assertThat(CloudTrace.fromHeaders(invalid).traceId()).isEqualTo("105445aa7843bc8bf206b12000100000");
        assertThat(CloudTrace.fromHeaders(Headers.EMPTY)).isNull();
        assertThat(trace.resourceName("p")).isEqualTo("projects/p/traces/4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.resourceName(null)).isNull();
    }
}
