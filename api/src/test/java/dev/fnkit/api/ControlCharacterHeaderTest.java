package dev.fnkit.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No control character but tab gets into a response header or cookie, where the wire format would refuse it. */
class ControlCharacterHeaderTest {
    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\0", "\u0001", "\u001f", "\u007f"})
    void headersAndCookiesRefuseControlCharacters(String control) {
        assertThatThrownBy(() -> HttpResponse.builder().header("x-echo", "a" + control + "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character");
        assertThatThrownBy(() -> HttpResponse.builder().header("x" + control, "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpResponse.builder().setHeader("x-echo", control))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SetCookie.of("c", "a" + control)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SetCookie.of("c", "v").withPath("/" + control))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tabsAndNonAsciiTextStayAllowed() {
        HttpResponse response = HttpResponse.builder().header("x-echo", "a\tb été").build();
        assertThat(response.header("x-echo")).contains("a\tb été");
        assertThat(SetCookie.of("c", "v\tw").headerValue()).isEqualTo("c=v\tw");
    }
}
