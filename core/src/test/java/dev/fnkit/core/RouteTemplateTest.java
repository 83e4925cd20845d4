package dev.fnkit.core;

import dev.fnkit.api.FunctionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTemplateTest {
    @Test
    void literalsMatchExactly() {
        RouteTemplate t = RouteTemplate.parse("/hello");
        assertThat(t.match("/hello")).isEmpty();
        assertThat(t.match("/hello/")).isEmpty();
        assertThat(t.match("/hellox")).isNull();
        assertThat(t.match("/hello/x")).isNull();
        assertThat(t.match("/")).isNull();
    }

    @Test
    void variablesMatchOneDecodedSegment() {
        RouteTemplate t = RouteTemplate.parse("/orders/{id}/items/{item}");
        assertThat(t.match("/orders/7/items/a%20b")).isEqualTo(Map.of("id", "7", "item", "a b"));
        assertThat(t.match("/orders/7/items")).isNull();
        assertThat(t.match("/orders//items/x")).isNull();
        assertThat(t.variables()).containsExactly("id", "item");
    }

    @Test
    void plusInAPathSegmentIsAPlus() {
        assertThat(RouteTemplate.parse("/x/{v}").match("/x/a+b%2Bc")).isEqualTo(Map.of("v", "a+b+c"));
    }

    @Test
    void catchAllTakesTheRestIncludingSlashes() {
        RouteTemplate t = RouteTemplate.parse("/echo/{+path}");
        assertThat(t.match("/echo/a/b/c")).isEqualTo(Map.of("path", "a/b/c"));
        assertThat(t.match("/echo/a%2Fb")).isEqualTo(Map.of("path", "a/b"));
        assertThat(t.match("/echo")).isNull();
        assertThat(t.match("/echo/")).isNull();
    }

    @Test
    void rootTemplate() {
        assertThat(RouteTemplate.parse("/").match("/")).isEmpty();
        assertThat(RouteTemplate.parse("/").match("/a")).isNull();
    }

    @Test
    void malformedEscapeInAVariableIsABadRequest() {
        assertThatThrownBy(() -> RouteTemplate.parse("/x/{v}").match("/x/%zz"))
                .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hello|must start with '/'",
            "/a//b|empty segment",
            "/a/{+rest}/b|catch-all",
            "/a/{id}/{id}|repeats the variable 'id'",
            "/a/{}|invalid variable",
            "/a/{1x}|invalid variable",
            "/a/x{id}|malformed segment",
            "/a/{id|malformed segment",
            "/a?b|must not contain"})
    void badTemplatesSayWhatIsWrong(String template, String message) {
        assertThatThrownBy(() -> RouteTemplate.parse(template)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message).hasMessageContaining(template);
    }

    @Test
    void moreSpecificSortsFirst() {
        RouteTemplate literal = RouteTemplate.parse("/a/b");
        RouteTemplate variable = RouteTemplate.parse("/a/{x}");
        RouteTemplate catchAll = RouteTemplate.parse("/a/{+x}");
        assertThat(literal.compareTo(variable)).isNegative();
        assertThat(variable.compareTo(catchAll)).isNegative();
        assertThat(RouteTemplate.parse("/a/{x}").equals(RouteTemplate.parse("/a/{y}"))).isTrue();
    }
}
