package dev.fnkit.aws;

import dev.fnkit.api.Headers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayPartsTest {
    @Test
    void pathsAreMadeRelativeToTheApi() {
        assertThat(ApiPaths.relative("/echo/a/b", "/echo/{path+}")).isEqualTo("/echo/a/b");
        assertThat(ApiPaths.relative("/base/v1/echo/a", "/echo/{path+}")).isEqualTo("/echo/a");
        assertThat(ApiPaths.relative("/prod/orders/7", "/orders/{id}")).isEqualTo("/orders/7");
        assertThat(ApiPaths.relative("/x/y", "/{proxy+}")).isEqualTo("/x/y");
        assertThat(ApiPaths.relative("/odd/path", "/{bad-name}")).isEqualTo("/odd/path");
        assertThat(ApiPaths.relative("/no/template", null)).isEqualTo("/no/template");
        assertThat(ApiPaths.withoutStage("/prod/orders/7", "prod")).isEqualTo("/orders/7");
        assertThat(ApiPaths.withoutStage("/prod", "prod")).isEqualTo("/");
        assertThat(ApiPaths.withoutStage("/production/x", "prod")).isEqualTo("/production/x");
        assertThat(ApiPaths.withoutStage("/orders/7", "$default")).isEqualTo("/orders/7");
        assertThat(ApiPaths.withoutStage("/p", "prod")).isEqualTo("/p");
    }

    @Test
    void decodedPathsAreEncodedAndEncodedPathsLeftAlone() {
        assertThat(ApiPaths.encode("/a/b%20c/d%2Fe")).isEqualTo("/a/b%20c/d%2Fe");
        assertThat(ApiPaths.encode("/a/b c")).isEqualTo("/a/b%20c");
        assertThat(ApiPaths.encode("/été/?#")).isEqualTo("/%C3%A9t%C3%A9/%3F%23");
        assertThat(ApiPaths.encode("/100%")).isEqualTo("/100%25");
        assertThat(ApiPaths.encode("/a:b@c!$&'()*+,;=-._~")).isEqualTo("/a:b@c!$&'()*+,;=-._~");
        assertThat(ApiPaths.encode("/\uD83D\uDE00")).isEqualTo("/%F0%9F%98%80");
    }

    @Test
    void onlyListValuedHeadersAreSplitAndQuotesAreRespected() {
        Headers.Builder headers = Headers.builder();
        ListHeaders.add(headers, "Accept", "text/html, application/json;q=0.9,, */*");
        ListHeaders.add(headers, "if-match", "\"a,b\", \"c\\\",d\"");
        ListHeaders.add(headers, "x-multi", "one,two");
        ListHeaders.add(headers, "date", "Tue, 12 Mar 2024 19:03:58 GMT");
        Headers built = headers.build();
        assertThat(built.all("accept")).containsExactly("text/html", "application/json;q=0.9", "*/*");
        assertThat(built.all("if-match")).containsExactly("\"a,b\"", "\"c\\\",d\"");
        assertThat(built.all("x-multi")).containsExactly("one,two");
        assertThat(built.all("date")).containsExactly("Tue, 12 Mar 2024 19:03:58 GMT");
    }

    @Test
    void bodiesAreBase64WhenNotUtf8OrNotTextual() {
        byte[] text = "héllo".getBytes(StandardCharsets.UTF_8);
        assertThat(ResponseBodies.needsBase64("text/plain; charset=utf-8", text)).isFalse();
        assertThat(ResponseBodies.needsBase64("application/problem+json", text)).isFalse();
        assertThat(ResponseBodies.needsBase64("image/svg+xml", text)).isFalse();
        assertThat(ResponseBodies.needsBase64(null, text)).isFalse();
        assertThat(ResponseBodies.needsBase64("application/octet-stream", text)).isTrue();
        assertThat(ResponseBodies.needsBase64("image/png", new byte[0])).isFalse();
        assertThat(ResponseBodies.needsBase64("text/plain", new byte[] {(byte) 0xc3, 0x28})).isTrue();
    }

    @Test
    void utf8ValidationRejectsMalformedSequences() {
        assertThat(ResponseBodies.isUtf8("a€\uD83D\uDE00".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(ResponseBodies.isUtf8(new byte[] {(byte) 0xc0, (byte) 0x80})).isFalse();
        assertThat(ResponseBodies.isUtf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).isFalse();
        assertThat(ResponseBodies.isUtf8(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isFalse();
        assertThat(ResponseBodies.isUtf8(new byte[] {(byte) 0xe2, (byte) 0x82})).isFalse();
        assertThat(ResponseBodies.isUtf8(new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf})).isFalse();
        assertThat(ResponseBodies.isUtf8(new byte[] {(byte) 0xff})).isFalse();
    }

    @Test
    void statusDescriptionsAreStatusAndReason() {
        assertThat(ReasonPhrases.statusLine(200)).isEqualTo("200 OK");
        assertThat(ReasonPhrases.statusLine(404)).isEqualTo("404 Not Found");
        assertThat(ReasonPhrases.statusLine(418)).isEqualTo("418 Client Error");
        assertThat(ReasonPhrases.statusLine(599)).isEqualTo("599 Server Error");
    }
}
