package dev.fnkit.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaRuntimeApiEmulatorTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private LambdaRuntimeApiEmulator emulator;

    @AfterEach
    void close() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private LambdaRuntimeApiEmulator start(LambdaRuntimeApiEmulator.Settings settings) throws Exception {
        emulator = new LambdaRuntimeApiEmulator(settings).start(0);
        return emulator;
    }

    private String base() {
        return "http://" + emulator.runtimeApi();
    }

    /** What a runtime's {@code /next} returned. */
    private HttpResponse<byte[]> next() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/2018-06-01/runtime/invocation/next")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private CompletableFuture<HttpResponse<byte[]>> nextAsync() {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base() + "/2018-06-01/runtime/invocation/next"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String requestId(HttpResponse<?> next) {
        return next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
    }

    @Test
    void anInvocationReachesTheRuntimeWithLambdasHeadersAndItsResponseReachesTheCaller() throws Exception {
        start(LambdaRuntimeApiEmulator.Settings.of("orders").withTimeout(Duration.ofSeconds(30)));
        long before = System.currentTimeMillis();
        CompletableFuture<LambdaRuntimeApiEmulator.Result> result = emulator.invokeAsync("{\"a\":1}".getBytes());
        HttpResponse<byte[]> next = next();
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(new String(next.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        String id = requestId(next);
        long deadline = Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
        assertThat(deadline).isBetween(before + 30_000, System.currentTimeMillis() + 30_000);
        assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
                .contains("arn:aws:lambda:us-east-1:123456789012:function:orders");
        assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow())
                .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
        HttpResponse<String> posted = post("/2018-06-01/runtime/invocation/" + id + "/response",
                "{\"ok\":true}".getBytes());
        assertThat(posted.statusCode()).isEqualTo(202);
        LambdaRuntimeApiEmulator.Result done = result.get();
        assertThat(done.failed()).isFalse();
        assertThat(done.requestId()).isEqualTo(id);
        assertThat(done.payloadText()).isEqualTo("{\"ok\":true}");
        assertThat(post("/2018-06-01/runtime/invocation/" + id + "/response", new byte[0]).statusCode())
                .isEqualTo(400);
    }

    @Test
    void theInvokeEndpointBlocksUntilTheRuntimeAnswersAndReportsFunctionErrors() throws Exception {
        start(LambdaRuntimeApiEmulator.Settings.of("function"));
        CompletableFuture<HttpResponse<String>> ok = http.sendAsync(HttpRequest.newBuilder(URI.create(base()
                        + "/2015-03-31/functions/function/invocations")).POST(HttpRequest.BodyPublishers.ofString("1"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String id = requestId(next());
        post("/2018-06-01/runtime/invocation/" + id + "/response", "\"one\"".getBytes());
        assertThat(ok.get().statusCode()).isEqualTo(200);
        assertThat(ok.get().body()).isEqualTo("\"one\"");
        assertThat(ok.get().headers().firstValue("X-Amz-Function-Error")).isEmpty();
        assertThat(ok.get().headers().firstValue("X-Amzn-RequestId")).contains(id);

        CompletableFuture<HttpResponse<String>> failing = http.sendAsync(HttpRequest.newBuilder(URI.create(base()
                        + "/2015-03-31/functions/my-fn/invocations")).POST(HttpRequest.BodyPublishers.ofString("2"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String failed = requestId(next());
        byte[] error = "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[]}"
                .getBytes();
        assertThat(post("/2018-06-01/runtime/invocation/" + failed + "/error", error,
                "Lambda-Runtime-Function-Error-Type", "Runtime.UserException").statusCode()).isEqualTo(202);
        assertThat(failing.get().statusCode()).isEqualTo(200);
        assertThat(failing.get().headers().firstValue("X-Amz-Function-Error")).contains("Unhandled");
        JsonNode body = Json.tree(failing.get().body().getBytes());
        assertThat(body.get("errorMessage").asText()).isEqualTo("boom");
        assertThat(body.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void eventAndDryRunInvocationsDoNotWait() throws Exception {
        start(LambdaRuntimeApiEmulator.Settings.of("function"));
        HttpResponse<String> event = post("/2015-03-31/functions/function/invocations", "{}".getBytes(),
                "X-Amz-Invocation-Type", "Event");
        assertThat(event.statusCode()).isEqualTo(202);
        HttpResponse<byte[]> next = next();
        assertThat(requestId(next)).isEqualTo(event.headers().firstValue("X-Amzn-RequestId").orElseThrow());
        assertThat(post("/2015-03-31/functions/function/invocations", "{}".getBytes(), "X-Amz-Invocation-Type",
                "DryRun").statusCode()).isEqualTo(204);
        assertThat(post("/2018-06-01/runtime/nothing", new byte[0]).statusCode()).isEqualTo(404);
    }

    @Test
    void theCallerGetsATimeoutOnceTheDeadlinePasses() throws Exception {
        start(LambdaRuntimeApiEmulator.Settings.of("slow").withTimeout(Duration.ofMillis(300)));
        CompletableFuture<LambdaRuntimeApiEmulator.Result> result = emulator.invokeAsync("{}".getBytes());
        String id = requestId(next());
        LambdaRuntimeApiEmulator.Result timedOut = result.get();
        assertThat(timedOut.failed()).isTrue();
        assertThat(timedOut.errorType()).isEqualTo("Sandbox.Timedout");
        assertThat(timedOut.payloadText()).contains(id + " Task timed out after 0.30 seconds");
        assertThat(post("/2018-06-01/runtime/invocation/" + id + "/response", "late".getBytes()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void anInitErrorFailsWhatIsWaitingAndEveryLaterInvocation() throws Exception {
        start(LambdaRuntimeApiEmulator.Settings.of("broken"));
        CompletableFuture<LambdaRuntimeApiEmulator.Result> waiting = emulator.invokeAsync("{}".getBytes());
        byte[] error = "{\"errorMessage\":\"FNKIT_FUNCTION=x names no function\",\"errorType\":\"java.lang.IllegalStateException\"}"
                .getBytes();
        assertThat(post("/2018-06-01/runtime/init/error", error, "Lambda-Runtime-Function-Error-Type",
                "Runtime.Unknown").statusCode()).isEqualTo(202);
        assertThat(waiting.get().failed()).isTrue();
        assertThat(waiting.get().payloadText()).contains("names no function");
        assertThat(emulator.initError().errorType()).isEqualTo("java.lang.IllegalStateException");
        LambdaRuntimeApiEmulator.Result later = emulator.invoke("{}".getBytes());
        assertThat(later.failed()).isTrue();
        assertThat(later.requestId()).isNotEqualTo(waiting.get().requestId());
        assertThat(post("/2018-06-01/runtime/init/error", "not json".getBytes()).statusCode()).isEqualTo(202);
        assertThat(Json.tree(emulator.invoke("{}".getBytes()).payload()).get("errorMessage").asText())
                .isEqualTo("not json");
    }

    @Test
    void payloadsAreLimitedTo6Mb() throws Exception {
        start(LambdaRuntimeApiEmulator.Settings.of("big").withTimeout(Duration.ofSeconds(30)));
        byte[] tooLarge = new byte[LambdaRuntimeApiEmulator.MAX_PAYLOAD + 1];
        assertThatThrownBy(() -> emulator.invoke(tooLarge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6291456");
        HttpResponse<String> rejected = post("/2015-03-31/functions/function/invocations", tooLarge);
        assertThat(rejected.statusCode()).isEqualTo(413);
        assertThat(rejected.body()).contains("RequestEntityTooLargeException");

        CompletableFuture<LambdaRuntimeApiEmulator.Result> result = emulator.invokeAsync("{}".getBytes());
        String id = requestId(next());
        assertThat(post("/2018-06-01/runtime/invocation/" + id + "/response", tooLarge).statusCode())
                .isEqualTo(413);
        assertThat(result.get().errorType()).isEqualTo("Function.ResponseSizeTooLarge");
    }

    @Test
    void invocationsWaitForTheRuntimeOneAtATime() throws Exception {
        start(LambdaRuntimeApiEmulator.Settings.of("queue").withTimeout(Duration.ofSeconds(30)));
        CompletableFuture<LambdaRuntimeApiEmulator.Result> first = emulator.invokeAsync("1".getBytes());
        CompletableFuture<LambdaRuntimeApiEmulator.Result> second = emulator.invokeAsync("2".getBytes());
        HttpResponse<byte[]> one = next();
        assertThat(new String(one.body())).isEqualTo("1");
        post("/2018-06-01/runtime/invocation/" + requestId(one) + "/response", "a".getBytes());
        HttpResponse<byte[]> two = next();
        assertThat(new String(two.body())).isEqualTo("2");
        post("/2018-06-01/runtime/invocation/" + requestId(two) + "/response", "b".getBytes());
        assertThat(first.get().payloadText()).isEqualTo("a");
        assertThat(second.get().payloadText()).isEqualTo("b");
    }

    @Test
    void anInvocationNoRuntimeAsksForFails() throws Exception {
        start(LambdaRuntimeApiEmulator.Settings.of("idle").withDispatchTimeout(Duration.ofMillis(200)));
        LambdaRuntimeApiEmulator.Result result = emulator.invoke("{}".getBytes());
        assertThat(result.errorType()).isEqualTo("Runtime.Unavailable");
        assertThat(result.payloadText()).contains("AWS_LAMBDA_RUNTIME_API");
    }

    @Test
    void closingFailsOpenInvocationsAndEndsTheRuntimesLongPoll() throws Exception {
        start(LambdaRuntimeApiEmulator.Settings.of("closing"));
        CompletableFuture<HttpResponse<byte[]>> polling = nextAsync();
        CompletableFuture<LambdaRuntimeApiEmulator.Result> result = emulator.invokeAsync("1".getBytes());
        polling.get();
        CompletableFuture<HttpResponse<byte[]>> secondPoll = nextAsync();
        emulator.close();
        assertThat(result.get().errorType()).isEqualTo("Runtime.Unavailable");
        assertThatThrownBy(secondPoll::get).hasCauseInstanceOf(java.io.IOException.class);
    }
}
