package dev.fnkit.selfhosted.triggers;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.FunctionKind;
import dev.fnkit.selfhosted.async.AsyncRuntime;
import dev.fnkit.selfhosted.async.AsyncSettings;
import dev.fnkit.selfhosted.async.DeployedFunction;
import dev.fnkit.selfhosted.async.FunctionRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A topic message reaches every subscribed function, as a CloudEvent in binary mode, and nothing else. */
class FanOutTest {
    @TempDir
    Path dir;

    private record Delivery(String function, HttpRequest request) {
    }

    @Test
    void aTopicMessageIsDeliveredToEverySubscriber() throws Exception {
        LinkedBlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        FunctionRuntime functions = new FunctionRuntime() {
            @Override
            public List<DeployedFunction> functions() {
                return List.of(subscriber("audit", "events"), subscriber("mailer", "events"),
                        subscriber("other", "other-events"));
            }

            @Override
            public CompletableFuture<HttpResponse> invoke(String function, HttpRequest request, String path,
                                                          String requestId) {
                deliveries.add(new Delivery(function, request));
                return CompletableFuture.completedFuture(HttpResponse.noContent());
            }
        };
        PrintStream log = new PrintStream(OutputStream.nullOutputStream());
        try (AsyncRuntime async = AsyncRuntime.open(dir, AsyncSettings.DEFAULTS.with(Map.of("pollInterval", "10ms")),
                functions, new SimpleMeterRegistry(), 1024, log);
             TriggerRuntime triggers = TriggerRuntime.create(dir, TriggerSettings.DEFAULTS, functions, async, 1024,
                     log)) {
            async.start();
            HttpResponse response = triggers.publish(HttpRequest.builder("POST", "/topic/events")
                    .header("content-type", "application/json").body("{\"user\":\"ada\"}").build(), "req-1");
            assertThat(response.status()).isEqualTo(202);
            Delivery first = deliveries.poll(30, TimeUnit.SECONDS);
            Delivery second = deliveries.poll(30, TimeUnit.SECONDS);
            assertThat(List.of(first.function(), second.function())).containsExactlyInAnyOrder("audit", "mailer");
            assertThat(first.request().header("ce-type")).contains("dev.fnkit.topic.message");
            assertThat(first.request().header("ce-source")).contains("fnkit:topic:events");
            assertThat(first.request().header("ce-id")).isEqualTo(second.request().header("ce-id"));
            assertThat(first.request().header("x-call-id")).isNotEqualTo(second.request().header("x-call-id"));
            assertThat(first.request().bodyText()).isEqualTo("{\"user\":\"ada\"}");
            assertThat(deliveries.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    private static DeployedFunction subscriber(String name, String topic) {
        return new DeployedFunction(name, FunctionKind.EVENT, Trigger.topic(topic), Duration.ofSeconds(10), null);
    }
}
