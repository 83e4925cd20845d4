package dev.fnkit.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpResponseTest {
    @Test
    void textSetsContentTypeUnlessGiven() {
        assertThat(HttpResponse.text("hi").header("content-type")).contains("text/plain; charset=utf-8");
        assertThat(HttpResponse.status(201).contentType("text/html").text("<p>").header("Content-Type"))
                .contains("text/html");
        assertThat(HttpResponse.text("hi").status()).isEqualTo(200);
    }

    @Test
    void cookiesStaySeparateSetCookieValues() {
        HttpResponse response = HttpResponse.builder()
                .cookie(SetCookie.of("a", "1").withPath("/").withHttpOnly(true))
                .cookie(SetCookie.of("b", "2").withMaxAge(Duration.ofHours(1)).withSecure(true).withSameSite("Lax"))
                .build();
        assertThat(response.headers().all("set-cookie"))
                .containsExactly("a=1; Path=/; HttpOnly", "b=2; Max-Age=3600; Secure; SameSite=Lax");
    }

    @Test
    void repeatedHeadersAreKeptAndSetReplaces() {
        HttpResponse response = HttpResponse.builder().header("X", "1").header("x", "2").setHeader("Y", "a")
                .setHeader("y", "b").build();
        assertThat(response.headers().all("x")).containsExactly("1", "2");
        assertThat(response.headers().all("y")).containsExactly("b");
    }

    @Test
    void headerInjectionIsRejected() {
        assertThatThrownBy(() -> HttpResponse.builder().header("X", "a\r\nSet-Cookie: evil=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR or LF");
        assertThatThrownBy(() -> SetCookie.of("a", "1\r\nX: y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SetCookie.of("a b", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bytesAreBinarySafe() {
        byte[] bytes = {0, (byte) 0x80, (byte) 0xff};
        HttpResponse response = HttpResponse.builder().bytes(bytes);
        assertThat(response.body().bytes()).containsExactly(bytes);
        assertThat(response.header("content-type")).contains("application/octet-stream");
    }

    @Test
    void statusIsValidated() {
        assertThatThrownBy(() -> HttpResponse.status(42).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("42");
        assertThat(HttpResponse.noContent().status()).isEqualTo(204);
        assertThat(HttpResponse.noContent().body().isEmpty()).isTrue();
    }
}
