package dev.fnkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.Body;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No part of a request is ever evaluated as an expression, a template or a format: lookup ({@code ${jndi:...}}),
 * EL/SpEL ({@code #{...}}), format ({@code %n}, {@code %s}, {@code {}}) and route-template ({@code {x}}) syntax in the
 * path, query, headers and body reaches the function and the log lines exactly as sent.
 */
class NoExpressionEvaluationTest {
    @ParameterizedTest
    @ValueSource(strings = {"${jndi:ldap://127.0.0.1:1389/a}", "${env:HOME}", "#{7*7}", "${7*7}", "%n%s%d",
            "{}", "{0}", "{id}", "{+path}", "$(id)", "`id`", "<%= 7*7 %>", "{{7*7}}"})
    void requestDataReachesTheFunctionAndTheLogLiterally(String payload) {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(logs, true, StandardCharsets.UTF_8);
        HttpDispatch dispatch = new HttpDispatch(Application.of(functions -> functions.http("echo",
                (request, context) -> {
                    String id = request.pathParameter("id").orElseThrow();
                    String query = request.query().first("q").orElseThrow();
                    String header = request.header("x-value").orElseThrow();
                    context.logger().info(id);
                    context.logger().info("header " + header + " query " + query);
                    return HttpResponse.builder().json(Map.of("id", id, "query", query, "header", header,
                            "body", request.bodyText()));
                }).route("POST", "/items/{id}")), (function, request) -> InvocationContext.builder()
                .requestId("r-1").functionName(function.name()).deadline(Instant.now().plusSeconds(30))
                .provider(Provider.LOCAL).coldStart(false)
                .logger(new LineLogger(out, LogFormat.TEXT, LineLogger.Level.INFO, Map.of())).build());
        String encoded = URLEncoder.encode(payload, StandardCharsets.UTF_8).replace("+", "%20");
        HttpResponse response = dispatch.handle(HttpRequest.builder("POST", "/items/" + encoded + "?q=" + encoded)
                .header("x-value", payload).body(Body.of(payload)).build());

        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        JsonNode echo = Json.tree(response.body().bytes());
        assertThat(echo.path("id").asText()).isEqualTo(payload);
        assertThat(echo.path("query").asText()).isEqualTo(payload);
        assertThat(echo.path("header").asText()).isEqualTo(payload);
        assertThat(echo.path("body").asText()).isEqualTo(payload);
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains(payload).contains("header " + payload + " query " + payload);
        assertThat(logged.lines().count()).isEqualTo(2);
    }
}
