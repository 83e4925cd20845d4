package dev.fnkit.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FnkitAzure#http} with requests shaped as the Java worker builds them from what the host sends: URL from the
 * escaped path and raw query string, lower-case single-valued headers with repeated values joined by {@code ,}, the
 * single-valued query map, the body bytes.
 */
class HttpTest {
    private final FnkitAzure azure = Fixtures.entryPoint();

    private static EmulatedHttpRequest request(HttpMethod method, String url, Map<String, String> headers,
                                               byte[] body) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                if (parts.length == 2 && !parts[1].isEmpty()) {
                    query.merge(parts[0], parts[1], (a, b) -> a + "," + b);
                }
            }
        }
        return new EmulatedHttpRequest(URI.create(url), method, headers, query, body);
    }

    private HttpResponse call(String function, EmulatedHttpRequest request) {
        HttpResponseMessage response = azure.http(request, Fixtures.execution(function).context());
        return EmulatedHttpResponse.toPortable(response);
    }

    @Test
    void mapsPathQueryHeadersCookiesAndABinaryBody() {
        byte[] body = {0, 1, (byte) 0xfe, (byte) 0xff, 10};
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "shop.azurewebsites.net");
        headers.put("x-multi", "one,two");
        headers.put("cookie", "a=1; b=\"2\"");
        headers.put("content-type", "application/octet-stream");
        headers.put("x-forwarded-for", "203.0.113.7:50312, 10.0.0.1");
        HttpResponse response = call("echo_2", request(HttpMethod.PUT,
                "https://shop.azurewebsites.net/echo/a/b%20c?x=1&x=2&y=", headers, body));
        assertThat(response.status()).isEqualTo(200);
        JsonNode echo = Json.tree(response.body().bytes());
        assertThat(echo.get("method").asText()).isEqualTo("PUT");
        assertThat(echo.get("path").asText()).isEqualTo("/echo/a/b%20c");
        assertThat(echo.get("pathParameters").get("path").asText()).isEqualTo("a/b c");
        assertThat(echo.get("query").get("x").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(echo.get("query").get("y").toString()).as("the raw query keeps empty values")
                .isEqualTo("[\"\"]");
        assertThat(echo.get("headers").get("x-multi").toString()).isEqualTo("[\"one,two\"]");
        assertThat(echo.get("cookies").get("b").asText()).isEqualTo("2");
        assertThat(Base64.getDecoder().decode(echo.get("bodyBase64").asText())).isEqualTo(body);
        assertThat(echo.get("sourceIp").asText()).isEqualTo("203.0.113.7");
        assertThat(response.header("content-type")).contains("application/json");
    }

    @Test
    void findsPathParametersUnderAHostRoutePrefix() {
        HttpResponse response = call("items", request(HttpMethod.DELETE,
                "https://shop.azurewebsites.net/api/items/42", Map.of(), null));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("x-item")).contains("42");
        assertThat(response.bodyText()).isEqualTo("DELETE");
    }

    @Test
    void joinsRepeatedResponseHeadersAndSendsTheFirstCookieAndABinaryBody() {
        Fixtures.Execution execution = Fixtures.execution("cookies");
        HttpResponseMessage message = azure.http(request(HttpMethod.GET, "https://h/cookies", Map.of(), null),
                execution.context());
        assertThat(message.getStatusCode()).isEqualTo(200);
        assertThat(message.getHeader("vary")).isEqualTo("Accept, Cookie");
        assertThat(message.getHeader("set-cookie")).isEqualTo("a=1; Path=/");
        assertThat(message.getBody()).isEqualTo(new byte[] {0, (byte) 0xff, 10});
        assertThat(message.getHeader("content-type")).isEqualTo("application/octet-stream");
        assertThat(execution.logText()).contains("WARNING", "one Set-Cookie header", "[b]");
    }

    @Test
    void failuresAreProblemJsonWithoutTheirDetail() {
        Fixtures.Execution execution = Fixtures.execution("fail");
        HttpResponse response = EmulatedHttpResponse.toPortable(azure.http(request(HttpMethod.GET,
                "https://h/fail", Map.of(), null), execution.context()));
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("content-type")).contains("application/problem+json");
        JsonNode problem = Json.tree(response.body().bytes());
        assertThat(problem.get("code").asText()).isEqualTo("internal-error");
        assertThat(problem.get("requestId").asText()).isEqualTo(execution.context().getInvocationId());
        assertThat(response.bodyText()).doesNotContain("secret detail");
        assertThat(execution.records()).anySatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(r.getThrown()).hasMessage("secret detail");
        });

        HttpResponse notFound = call("fail", request(HttpMethod.GET, "https://h/fail?code=1", Map.of(), null));
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(Json.tree(notFound.body().bytes()).get("code").asText()).isEqualTo("no-such-thing");
    }

    @Test
    void servesTypedFunctionsAsJsonPosts() {
        Map<String, String> json = Map.of("content-type", "application/json");
        HttpResponse ok = call("greet", request(HttpMethod.POST, "https://h/greet", json,
                "{\"name\":\"Ada\"}".getBytes()));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(Json.tree(ok.body().bytes()).get("greeting").asText()).isEqualTo("Hello, Ada!");
        HttpResponse bad = call("greet", request(HttpMethod.POST, "https://h/greet", json, "{}".getBytes()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(Json.tree(bad.body().bytes()).get("code").asText()).isEqualTo("name-missing");
        HttpResponse text = call("greet", request(HttpMethod.POST, "https://h/greet",
                Map.of("content-type", "text/plain"), "Ada".getBytes()));
        assertThat(text.status()).isEqualTo(415);
    }

    @Test
    void theContextCarriesInvocationIdTraceDeadlineLoggerAndTheNativeContext() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        Fixtures.Execution execution = Fixtures.execution("context", traceparent, "congo=t61rcWkgMzE");
        HttpResponse response = EmulatedHttpResponse.toPortable(azure.http(request(HttpMethod.GET,
                "https://h/context", Map.of(), null), execution.context()));
        JsonNode seen = Json.tree(response.body().bytes());
        String invocationId = execution.context().getInvocationId();
        assertThat(seen.get("requestId").asText()).isEqualTo(invocationId);
        assertThat(seen.get("function").asText()).isEqualTo("context");
        assertThat(seen.get("provider").asText()).isEqualTo("AZURE_FUNCTIONS");
        assertThat(seen.get("trace").asText()).isEqualTo(traceparent);
        assertThat(seen.get("traceState").asText()).isEqualTo("congo=t61rcWkgMzE");
        assertThat(seen.get("unwrapped").asText()).isEqualTo(invocationId);
        assertThat(seen.get("remainingSeconds").asLong()).as("HTTP waits at most 230 s").isBetween(200L, 230L);
        assertThat(execution.logText()).contains("INFO", "context served", "requestId=" + invocationId,
                "function=context", "extra=7");
    }

    @Test
    void aFunctionNameThatServesNothingIsAProblemResponse() {
        Fixtures.Execution execution = Fixtures.execution("nothing");
        HttpResponse response = EmulatedHttpResponse.toPortable(azure.http(request(HttpMethod.GET, "https://h/x",
                Map.of(), null), execution.context()));
        assertThat(response.status()).isEqualTo(500);
        assertThat(execution.logText()).contains("serves no fnkit function 'nothing'");
    }

    @Test
    void theWorkersNoArgumentEntryPointLoadsTheApplicationOnce() {
        HttpResponse response = EmulatedHttpResponse.toPortable(new FnkitAzure().http(
                request(HttpMethod.GET, "https://h/items/7", Map.of(), null), Fixtures.execution("items").context()));
        assertThat(response.status()).isEqualTo(201);
        assertThat(AzureRuntime.instance()).isSameAs(AzureRuntime.instance());
    }
}
