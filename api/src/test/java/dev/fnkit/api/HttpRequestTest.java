package dev.fnkit.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HttpRequestTest {
    @Test
    void builderSplitsPathAndQuery() {
        HttpRequest request = HttpRequest.builder("get", "/hello/ada?x=1&x=2").build();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/hello/ada");
        assertThat(request.query().all("x")).containsExactly("1", "2");
        assertThat(request.queryParameter("x")).contains("1");
    }

    @Test
    void cookiesAreParsedFromEveryCookieHeaderAndFirstWins() {
        HttpRequest request = HttpRequest.builder("GET", "/")
                .header("Cookie", "a=1; b=\"two\"")
                .header("cookie", "a=3;c=;broken; =x")
                .build();
        assertThat(request.cookies()).containsExactly(Map.entry("a", "1"), Map.entry("b", "two"),
                Map.entry("c", ""));
        assertThat(request.cookie("b")).contains("two");
        assertThat(request.cookie("zzz")).isEmpty();
    }

    @Test
    void cookiesGivenByThePlatformWin() {
        HttpRequest request = HttpRequest.builder("GET", "/").header("Cookie", "a=1")
                .cookies(Map.of("z", "9")).build();
        assertThat(request.cookies()).isEqualTo(Map.of("z", "9"));
    }

    @Test
    void bodyIsBinarySafe() {
        byte[] bytes = {(byte) 0xff, 0, (byte) 0xc3, 0x28};
        HttpRequest request = HttpRequest.builder("POST", "/").body(bytes).build();
        assertThat(request.body().bytes()).containsExactly(bytes);
        assertThat(request.body().utf8()).isEmpty();
        assertThat(request.body().base64()).isEqualTo("/wDDKA==");
    }

    @Test
    void textBodyAndHeadersAreReadable() {
        HttpRequest request = HttpRequest.builder("POST", "/x").header("Content-Type", "text/plain")
                .body("héllo").sourceIp("10.0.0.1").build();
        assertThat(request.bodyText()).isEqualTo("héllo");
        assertThat(request.body().utf8()).contains("héllo");
        assertThat(request.body().bytes()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
        assertThat(request.contentType()).contains("text/plain");
        assertThat(request.sourceIp()).contains("10.0.0.1");
    }

    @Test
    void toBuilderKeepsEverythingAndAddsPathParameters() {
        HttpRequest request = HttpRequest.builder("PUT", "/a?q=1").header("X", "y").body("b").build();
        HttpRequest copy = request.toBuilder().pathParameters(Map.of("id", "7")).build();
        assertThat(copy.method()).isEqualTo("PUT");
        assertThat(copy.query().first("q")).contains("1");
        assertThat(copy.header("x")).contains("y");
        assertThat(copy.bodyText()).isEqualTo("b");
        assertThat(copy.pathParameter("id")).contains("7");
        assertThat(request.pathParameters()).isEmpty();
    }
}
