package dev.fnkit.kubernetes;

import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.Functions;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.RetryPolicy;

import java.time.Duration;

/** A test application with one function of each mapped kind and one unmapped trigger. */
public final class SampleApp implements FunctionApp {
    @Override
    public void register(Functions functions) {
        functions.http("hello-world", (request, context) -> HttpResponse.text(
                        "hello " + request.pathParameters().getOrDefault("name", "?") + " from "
                                + context.functionName()))
                .route("GET", "/hello/{name}")
                .timeout(Duration.ofMillis(12_500)).memoryMb(768).minInstances(2).maxInstances(9).concurrency(40)
                .env("GREETING", "hi");
        functions.typed("greet", String.class, (input, context) -> "hi " + input);
        functions.schedule("nightly", "0 2 * * MON-FRI", (event, context) -> { })
                .timeout(Duration.ofSeconds(90)).retry(RetryPolicy.fixed(2, Duration.ofSeconds(5)));
        functions.queue("orders", "orders-queue", String.class, (event, context) -> { });
    }
}
