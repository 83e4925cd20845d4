package dev.fnkit.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeadersTest {
    @Test
    void namesAreCaseInsensitiveAndKeptInLowerCase() {
        Headers headers = Headers.of("Content-Type", "text/plain", "X-Trace", "a");
        assertThat(headers.first("content-type")).contains("text/plain");
        assertThat(headers.first("CONTENT-TYPE")).contains("text/plain");
        assertThat(headers.names()).containsExactly("content-type", "x-trace");
    }

    @Test
    void repeatedHeadersKeepEveryValueInOrder() {
        Headers headers = Headers.builder().add("Accept", "a").add("accept", "b").add("ACCEPT", "c").build();
        assertThat(headers.all("Accept")).containsExactly("a", "b", "c");
        assertThat(headers.first("accept")).contains("a");
    }

    @Test
    void setReplacesAndRemoveDeletes() {
        Headers headers = Headers.of("A", "1", "A", "2", "B", "3").toBuilder().set("a", "9").remove("B").build();
        assertThat(headers.asMap()).isEqualTo(Map.of("a", List.of("9")));
    }

    @Test
    void aBuilderUsedAfterBuildLeavesWhatItBuiltUnchanged() {
        Headers.Builder builder = Headers.builder().add("Accept", "a").add("Accept", "b").add("Host", "h");
        Headers first = builder.build();
        Headers second = builder.add("accept", "c").add("X-New", "1").set("Host", "other").remove("x-new").build();
        Headers third = builder.add("Accept", "d").build();

        assertThat(first.asMap()).isEqualTo(Map.of("accept", List.of("a", "b"), "host", List.of("h")));
        assertThat(second.asMap()).isEqualTo(Map.of("accept", List.of("a", "b", "c"), "host", List.of("other")));
        assertThat(third.all("accept")).containsExactly("a", "b", "c", "d");
        assertThat(second.all("accept")).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> first.all("accept").add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> third.all("host").add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void capitalisedAndOddlyCasedNamesFoldAlike() {
        Headers headers = Headers.builder().add("Content-Type", "a").add("CONTENT-TYPE", "b")
                .addAll("X-Cloud-Trace-Context", List.of("t")).addAll("User-Agent", List.of("u1", "u2")).build();
        assertThat(headers.names()).containsExactly("content-type", "x-cloud-trace-context", "user-agent");
        assertThat(headers.all("content-type")).containsExactly("a", "b");
        assertThat(headers.all("user-agent")).containsExactly("u1", "u2");
    }

    @Test
    void isImmutable() {
        Headers headers = Headers.of("A", "1");
        assertThatThrownBy(() -> headers.asMap().put("b", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> headers.all("a").add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void absentHeaderIsEmpty() {
        assertThat(Headers.EMPTY.first("x")).isEmpty();
        assertThat(Headers.EMPTY.all("x")).isEmpty();
        assertThat(Headers.EMPTY.contains("x")).isFalse();
    }

    @Test
    void oddPairsAreRejected() {
        assertThatThrownBy(() -> Headers.of("a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("odd");
    }

    @Test
    void equalityFollowsContent() {
        assertThat(Headers.of("A", "1")).isEqualTo(Headers.of("a", "1")).hasSameHashCodeAs(Headers.of("a", "1"));
        assertThat(Headers.of("A", "1")).isNotEqualTo(Headers.of("a", "2"));
    }
}
