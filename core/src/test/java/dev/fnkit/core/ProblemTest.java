package dev.fnkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTest {
    @Test
    void bodyFollowsRfc9457() {
        HttpResponse response = new Problem(404, "not-found", "No function serves GET /x", "r1")
                .toResponse(Headers.of("Allow", "GET"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("content-type")).contains("application/problem+json");
        assertThat(response.header("allow")).contains("GET");
        JsonNode json = Json.tree(response.body().bytes());
        assertThat(json.get("type").asText()).isEqualTo("https://fnkit.dev/problems/not-found");
        assertThat(json.get("title").asText()).isEqualTo("Not Found");
        assertThat(json.get("status").asInt()).isEqualTo(404);
        assertThat(json.get("detail").asText()).isEqualTo("No function serves GET /x");
        assertThat(json.get("code").asText()).isEqualTo("not-found");
        assertThat(json.get("requestId").asText()).isEqualTo("r1");
    }

    @Test
    void functionExceptionsKeepStatusCodeAndMessageAndLogOnce() {
        TestContexts contexts = new TestContexts();
        var context = contexts.create(sampleDefinition());
        HttpResponse response = Errors.response(new FunctionException(409, "taken", "Name taken"), context);
        assertThat(response.status()).isEqualTo(409);
        JsonNode json = Json.tree(response.body().bytes());
        assertThat(json.get("code").asText()).isEqualTo("taken");
        assertThat(json.get("detail").asText()).isEqualTo("Name taken");
        assertThat(contexts.logText()).contains("WARN").contains("409 taken").contains("requestId=req-1");
        assertThat(contexts.logText().lines().count()).isEqualTo(1);
    }

    @Test
    void otherExceptionsAre500WithoutDetailsButLoggedWithTheRequestId() {
        TestContexts contexts = new TestContexts();
        var context = contexts.create(sampleDefinition());
        HttpResponse response = Errors.response(new IllegalStateException("password=hunter2"), context);
        assertThat(response.status()).isEqualTo(500);
        String body = response.bodyText();
        assertThat(body).doesNotContain("hunter2").doesNotContain("IllegalStateException").doesNotContain("at ");
        assertThat(body).contains("req-1");
        assertThat(contexts.logText()).contains("ERROR").contains("hunter2").contains("requestId=req-1");
    }

    @Test
    void retryableFollowsTheException() {
        assertThat(Errors.retryable(new RuntimeException())).isTrue();
        assertThat(Errors.retryable(FunctionException.badRequest("x", "y"))).isFalse();
        assertThat(Errors.retryable(new java.util.concurrent.ExecutionException(FunctionException.badRequest("x",
                "y")))).isFalse();
    }

    static FunctionDefinition sampleDefinition() {
        return Application.of(new TestFunctions()).function("hello").orElseThrow();
    }
}
