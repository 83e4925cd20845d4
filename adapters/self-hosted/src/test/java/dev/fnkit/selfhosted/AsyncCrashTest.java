package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing accepted is lost: thousands of asynchronous calls go to a {@code fnkit serve} process that is killed with
 * SIGKILL part-way and restarted on the same data directory; every call answered 202 is then delivered (the
 * function appends each call id to a file) or dead-lettered. Delivery is at least once, so the only calls delivered
 * twice are those in flight at the kill.
 */
class AsyncCrashTest {
    private static final String TOKEN = "crash-test-token";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int CALLS = 2_000;
    private static final int MAX_IN_FLIGHT = 64;
    private static final String FUNCTIONS = """
            package crashfns;

            import dev.fnkit.api.FunctionApp;
            import dev.fnkit.api.Functions;
            import dev.fnkit.api.HttpResponse;

            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;

            public final class CrashFunctionsApp implements FunctionApp {
                @Override
                public void register(Functions functions) {
                    Path file = Path.of("%s");
                    functions.http("record", (request, context) -> {
                        String line = request.header("x-call-id").orElse("none") + "\\n";
                        synchronized (CrashFunctionsApp.class) {
                            Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        }
                        return HttpResponse.noContent();
                    }).route("POST", "/record").concurrency(32);
                }
            }
            """;

    @TempDir
    Path work;
    private ServeProcess serve;

    @AfterEach
    void stopServe() {
        if (serve != null) {
            serve.kill();
        }
    }

    @AfterAll
    static void noneLeft() {
        Children.assertNoneLeft();
    }

    private ServeProcess serve(Path app) throws Exception {
        return ServeProcess.start(TOKEN, WAIT, app.toString(), "--port", "0", "--data-dir",
                work.resolve("data").toString(), "--async", "maxAttempts=20,initialDelay=20ms,maxDelay=200ms,"
                        + "pollInterval=20ms,maxInFlight=" + MAX_IN_FLIGHT);
    }

    private static List<String> recorded(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyAcceptedCallCompletesOrIsDeadLetteredAfterAKill() throws Exception {
        Path file = TestApps.sharedWithInstances(work.resolve("shared"), "calls.txt").resolve("calls.txt");
        Path app = TestApps.app(work.resolve("apps"), "crashfns", "CrashFunctionsApp",
                FUNCTIONS.formatted(file.toString().replace("\\", "\\\\")));
        serve = serve(app);
        URI url = serve.url();
        Queue<String> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger submitted = new AtomicInteger();
        AtomicBoolean down = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            clients.execute(() -> {
                while (!down.get() && submitted.getAndIncrement() < CALLS) {
                    try {
                        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                                url.resolve("/async-function/record/record"))
                                .POST(HttpRequest.BodyPublishers.ofString("x")));
                        if (response.statusCode() == 202) {
                            accepted.add(response.headers().firstValue("x-call-id").orElseThrow());
                        }
                    } catch (UncheckedIOException e) {
                        down.set(true);
                    }
                }
            });
        }
        Children.await("a part of the calls is accepted and delivered", WAIT,
                () -> accepted.size() >= CALLS / 4 && recorded(file).size() >= 50);
        serve.process().destroyForcibly();
        assertThat(serve.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        down.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        int deliveredBeforeRestart = recorded(file).size();
        assertThat(accepted).as("the kill came part-way through the submissions").hasSizeLessThan(CALLS);
        System.out.println("crash test: " + accepted.size() + " calls accepted, " + deliveredBeforeRestart
                + " delivered before the kill");

        serve = serve(app);
        Set<String> expected = new HashSet<>(accepted);
        Children.await("every accepted call is delivered or dead-lettered", WAIT, () -> {
            Set<String> done = new HashSet<>(recorded(file));
            AsyncGatewayTest.deadLetters(serve.url(), TOKEN).forEach(d -> done.add(d.path("callId").asText()));
            return done.containsAll(expected);
        });
        Map<String, Integer> deliveries = new HashMap<>();
        recorded(file).forEach(id -> deliveries.merge(id, 1, Integer::sum));
        List<JsonNode> dead = AsyncGatewayTest.deadLetters(serve.url(), TOKEN);
        long twice = expected.stream().filter(id -> deliveries.getOrDefault(id, 0) > 1).count();
        System.out.println("crash test: " + deliveries.size() + " calls delivered, " + twice + " twice, "
                + dead.size() + " dead-lettered");
        assertThat(dead).isEmpty();
        assertThat(deliveries.keySet()).containsAll(expected);
        assertThat(twice).as("only calls in flight at the kill are delivered again").isLessThanOrEqualTo(MAX_IN_FLIGHT);
        serve.process().destroy();
        assertThat(serve.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
