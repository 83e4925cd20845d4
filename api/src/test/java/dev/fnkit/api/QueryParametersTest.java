package dev.fnkit.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParametersTest {
    @Test
    void parsesRepeatedNamesAndDecodes() {
        QueryParameters query = QueryParameters.parse("a=1&a=2&b=x%20y&c=p+q&d&=skip&e=");
        assertThat(query.all("a")).containsExactly("1", "2");
        assertThat(query.first("b")).contains("x y");
        assertThat(query.first("c")).contains("p q");
        assertThat(query.first("d")).contains("");
        assertThat(query.first("e")).contains("");
        assertThat(query.names()).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void namesAreCaseSensitive() {
        QueryParameters query = QueryParameters.parse("A=1&a=2");
        assertThat(query.all("A")).containsExactly("1");
        assertThat(query.all("a")).containsExactly("2");
    }

    @Test
    void emptyAndNullAreEmpty() {
        assertThat(QueryParameters.parse("")).isEqualTo(QueryParameters.EMPTY);
        assertThat(QueryParameters.parse(null).isEmpty()).isTrue();
        assertThat(QueryParameters.parse("&&").isEmpty()).isTrue();
    }

    @Test
    void malformedEscapeIsABadRequest() {
        assertThatThrownBy(() -> QueryParameters.parse("a=%zz"))
                .isInstanceOfSatisfying(FunctionException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("malformed-query");
                });
    }

    @Test
    void encodeRoundTrips() {
        QueryParameters query = QueryParameters.builder().add("a", "1 2").add("a", "&").add("b/c", "é").build();
        assertThat(QueryParameters.parse(query.encode())).isEqualTo(query);
    }
}
