package dev.fnkit.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Problem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FnkitHttpFunctionTest {
    private final Fixtures fixtures = new Fixtures();

    private static byte[] allBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void mapsEveryPartOfTheRequest() throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Repeated", List.of("one", "two, three"));
        headers.put("Cookie", List.of("session=abc; theme=\"dark\"", "later=1"));
        headers.put("X-Forwarded-For", List.of("203.0.113.7, 10.0.0.1"));
        headers.put("Content-Type", List.of("application/octet-stream"));
        byte[] body = allBytes();

        HttpResponse response = fixtures.send("echo", "post",
                "http://example.test:8080/echo/a%20b/c%2Fd?tag=1&tag=2&q=x%20y+z&flag&empty=#frag", headers, body);

        assertThat(response.status()).isEqualTo(200);
        JsonNode echo = Fixtures.json(response);
        assertThat(echo.path("method").asText()).isEqualTo("POST");
        assertThat(echo.path("path").asText()).isEqualTo("/echo/a%20b/c%2Fd");
        assertThat(echo.path("pathParameters").path("path").asText()).isEqualTo("a b/c/d");
        assertThat(echo.path("query").toString())
                .isEqualTo("{\"tag\":[\"1\",\"2\"],\"q\":[\"x y z\"],\"flag\":[\"\"],\"empty\":[\"\"]}");
        assertThat(echo.path("headers").path("x-repeated").toString()).isEqualTo("[\"one\",\"two, three\"]");
        assertThat(echo.path("cookies").toString()).isEqualTo("{\"session\":\"abc\",\"theme\":\"dark\",\"later\":\"1\"}");
        assertThat(Base64.getDecoder().decode(echo.path("body").asText())).isEqualTo(body);
        assertThat(echo.path("sourceIp").asText()).isEqualTo("203.0.113.7");
        assertThat(echo.path("provider").asText()).isEqualTo("GOOGLE_CLOUD_FUNCTIONS");
        assertThat(echo.path("nativeRequest").asBoolean()).isTrue();
        assertThat(echo.path("nativeResponse").asBoolean()).isTrue();
        assertThat(echo.path("remainingMillis").asLong()).isBetween(1L, 45_000L);
    }

    @Test
    void writesStatusEveryHeaderValueEachCookieAndBinaryBody() throws Exception {
        byte[] body = allBytes();
        MemoryHttpResponse response = new MemoryHttpResponse();
        fixtures.http("items").service(new MemoryHttpRequest("PUT", "/items/bytes", Map.of(), body), response);

        assertThat(response.getHeaders().get("x-multi")).containsExactly("one", "two");
        assertThat(response.getHeaders().get("set-cookie")).containsExactly("a=1; Path=/", "b=2; HttpOnly");
        assertThat(response.getContentType()).contains("application/octet-stream");
        HttpResponse portable = response.toPortable();
        assertThat(portable.status()).isEqualTo(201);
        assertThat(portable.body().bytes()).isEqualTo(body);
    }

    @Test
    void routesAPathThatLacksTheFunctionNamePrefix() throws Exception {
        JsonNode echo = Fixtures.json(fixtures.send("echo", "GET", "/deep/er"));
        assertThat(echo.path("path").asText()).isEqualTo("/deep/er");
        assertThat(echo.path("pathParameters").path("path").asText()).isEqualTo("deep/er");

        assertThat(Fixtures.json(fixtures.send("echo", "GET", "/")).path("pathParameters").isEmpty()).isTrue();
        assertThat(fixtures.send("items", "GET", "/7").bodyText()).isEqualTo("item 7");
    }

    @Test
    void answersUndeclaredPathsAndMethodsWithProblems() throws Exception {
        HttpResponse notFound = fixtures.send("items", "GET", "/elsewhere/1/2");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.header("content-type")).contains(Problem.CONTENT_TYPE);
        assertThat(Fixtures.json(notFound).path("detail").asText())
                .contains("GET /elsewhere/1/2", "GET /items/{id}", "PUT /items/{id}");

        HttpResponse notAllowed = fixtures.send("items", "DELETE", "/items/1");
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.header("allow")).contains("GET, HEAD, PUT");
        assertThat(Fixtures.json(notAllowed).path("code").asText()).isEqualTo("method-not-allowed");
    }

    @Test
    void turnsFailuresIntoProblemsThatLeakNothing() throws Exception {
        HttpResponse failed = fixtures.send("items", "GET", "/items/boom", "Function-Execution-Id", "exec-9");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.bodyText()).doesNotContain("secret internal detail");
        assertThat(Fixtures.json(failed).path("requestId").asText()).isEqualTo("exec-9");
        assertThat(fixtures.logLines()).singleElement().satisfies(line -> {
            assertThat(line.path("severity").asText()).isEqualTo("ERROR");
            assertThat(line.path("requestId").asText()).isEqualTo("exec-9");
            assertThat(line.path("stack_trace").asText()).contains("secret internal detail");
        });

        HttpResponse gone = fixtures.send("items", "GET", "/items/gone");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(Fixtures.json(gone).path("code").asText()).isEqualTo("item-gone");

        HttpResponse badQuery = fixtures.send("echo", "GET", "/echo?x=%zz");
        assertThat(badQuery.status()).isEqualTo(400);
        assertThat(Fixtures.json(badQuery).path("code").asText()).isEqualTo("malformed-query");
    }

    @Test
    void contextCarriesRequestIdTraceAndColdStart() throws Exception {
        FnkitHttpFunction echo = fixtures.http("echo");
        MemoryHttpResponse first = new MemoryHttpResponse();
        echo.service(new MemoryHttpRequest("GET", "/echo", Map.of("Function-Execution-Id", List.of("exec-1")),
                new byte[0]), first);
        MemoryHttpResponse second = new MemoryHttpResponse();
        echo.service(new MemoryHttpRequest("GET", "/echo", Map.of("X-Cloud-Trace-Context",
                List.of("105445AA7843BC8BF206B12000100000/1;o=1")), new byte[0]), second);

        JsonNode one = Fixtures.json(first.toPortable());
        JsonNode two = Fixtures.json(second.toPortable());
        assertThat(one.path("requestId").asText()).isEqualTo("exec-1");
        assertThat(one.path("coldStart").asBoolean()).isTrue();
        assertThat(two.path("coldStart").asBoolean()).isFalse();
        assertThat(two.path("requestId").asText()).isEqualTo("105445aa7843bc8bf206b12000100000");
        assertThat(two.path("traceparent").asText())
                .isEqualTo("00-105445aa7843bc8bf206b12000100000-0000000000000001-01");

        JsonNode random = Fixtures.json(fixtures.send("echo", "GET", "/echo"));
        assertThat(random.path("requestId").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void logsStructuredLinesWithTheTrace() throws Exception {
        fixtures.send("items", "GET", "/items/42", "traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "Function-Execution-Id", "exec-42");
        assertThat(fixtures.logLines()).singleElement().satisfies(line -> {
            assertThat(line.path("severity").asText()).isEqualTo("WARNING");
            assertThat(line.path("message").asText()).isEqualTo("looked up");
            assertThat(line.path(CloudLogFormat.TRACE).asText())
                    .isEqualTo("projects/test-project/traces/4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(line.path(CloudLogFormat.SPAN_ID).asText()).isEqualTo("00f067aa0ba902b7");
            assertThat(line.path(CloudLogFormat.TRACE_SAMPLED).asBoolean()).isTrue();
            assertThat(line.path("requestId").asText()).isEqualTo("exec-42");
            assertThat(line.path("function").asText()).isEqualTo("items");
            assertThat(line.path("item").asText()).isEqualTo("42");
        });
    }

    @Test
    void leavesTheTraceOutOfLogsWithoutAProject() throws Exception {
        Fixtures noProject = new Fixtures(Map.of());
        noProject.send("items", "GET", "/items/1", "traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(noProject.logLines()).singleElement()
                .satisfies(line -> assertThat(line.has(CloudLogFormat.TRACE)).isFalse());
    }

    @Test
    void servesTypedFunctionsJsonInJsonOut() throws Exception {
        HttpResponse ok = fixtures.send("greet", "POST", "/", Map.of("Content-Type", List.of("application/json")),
                "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("content-type")).contains("application/json");
        assertThat(ok.bodyText()).isEqualTo("{\"greeting\":\"Hello, Ada!\"}");

        HttpResponse empty = fixtures.send("greet", "POST", "/", Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(empty.status()).isEqualTo(204);

        HttpResponse get = fixtures.send("greet", "GET", "/");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("allow")).contains("POST");

        HttpResponse text = fixtures.send("greet", "POST", "/", Map.of("Content-Type", List.of("text/plain")),
                "Ada".getBytes(StandardCharsets.UTF_8));
        assertThat(text.status()).isEqualTo(415);

        HttpResponse malformed = fixtures.send("greet", "POST", "/", Map.of(), "{".getBytes(StandardCharsets.UTF_8));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(Fixtures.json(malformed).path("code").asText()).isEqualTo("malformed-json");
    }
}
