package dev.fnkit.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reloading for real: the runner serves a compiled app from a classes directory, the test compiles changed classes
 * into it, and watches the answers change over HTTP.
 */
class ReloadTest {
    private static final String PKG = "testapps.reload";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newHttpClient();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private LocalServer server;

    @TempDir
    Path classes;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        System.getProperties().remove("fnkit.test.entered");
        System.getProperties().remove("fnkit.test.release");
    }

    private static String app() {
        return """
                package testapps.reload;

                import dev.fnkit.api.FunctionApp;
                import dev.fnkit.api.Functions;
                import dev.fnkit.api.HttpResponse;
                import java.util.concurrent.CountDownLatch;

                public final class App implements FunctionApp {
                    @Override
                    public void register(Functions functions) {
                        functions.http("hello", (request, context) -> HttpResponse.text(Reply.text()))
                                .route("GET", "/hello");
                        functions.http("slow", (request, context) -> {
                            ((CountDownLatch) System.getProperties().get("fnkit.test.entered")).countDown();
                            ((CountDownLatch) System.getProperties().get("fnkit.test.release")).await();
                            return HttpResponse.text(Late.text());
                        }).route("GET", "/slow");
                    }
                }
                """;
    }

    private static String late(String text) {
        return """
                package testapps.reload;

                final class Late {
                    static String text() {
                        return "%s";
                    }
                }
                """.formatted(text);
    }

    private void compileVersion(String version) throws Exception {
        TestAppCompiler.compile(classes, Map.of(PKG + ".Reply", TestAppCompiler.reply(PKG, version),
                PKG + ".Late", late("late " + version)));
    }

    private String get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static <T> T eventually(Supplier<T> value, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still " + last + " after " + PATIENCE);
            }
            TimeUnit.MILLISECONDS.sleep(20);
            last = value.get();
        }
        return last;
    }

    private String body(String path) {
        try {
            return get(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void changedClassesAreServedWithoutRestartAndBrokenOnesKeepThePreviousVersion() throws Exception {
        TestAppCompiler.compile(classes, Map.of(PKG + ".App", app(), PKG + ".Reply", TestAppCompiler.reply(PKG, "v1"),
                PKG + ".Late", late("late v1")));
        TestAppCompiler.declare(classes, PKG + ".App");
        server = LocalServer.builder().app(classes).port(0).log(new PrintStream(log, true, StandardCharsets.UTF_8))
                .start();
        assertThat(get("/hello")).isEqualTo("v1");

        compileVersion("v2");
        assertThat(eventually(() -> body("/hello"), "v2"::equals)).isEqualTo("v2");
        assertThat(eventually(this::logText, text -> text.contains("reloaded"))).contains("2 function(s)");

        Path service = classes.resolve(FunctionAppHidingLoader.SERVICE);
        Files.writeString(service, PKG + ".Missing\n");
        eventually(this::logText, text -> text.contains("reloading failed"));
        assertThat(logText()).contains("still serving the previous version", PKG + ".Missing");
        assertThat(get("/hello")).isEqualTo("v2");

        TestAppCompiler.declare(classes, PKG + ".App");
        compileVersion("v3");
        assertThat(eventually(() -> body("/hello"), "v3"::equals)).isEqualTo("v3");
    }

    @Test
    void requestsInFlightFinishOnTheVersionTheyStartedOn() throws Exception {
        TestAppCompiler.compile(classes, Map.of(PKG + ".App", app(), PKG + ".Reply", TestAppCompiler.reply(PKG, "v1"),
                PKG + ".Late", late("late v1")));
        TestAppCompiler.declare(classes, PKG + ".App");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        System.getProperties().put("fnkit.test.entered", entered);
        System.getProperties().put("fnkit.test.release", release);
        server = LocalServer.builder().app(classes).port(0).log(new PrintStream(log, true, StandardCharsets.UTF_8))
                .start();

        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> body("/slow"),
                task -> new Thread(task, "slow-caller").start());
        assertThat(entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        compileVersion("v2");
        eventually(() -> body("/hello"), "v2"::equals);
        release.countDown();

        assertThat(slow.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("late v1");
    }

    @Test
    void aCleanBuildThatDeletesAndRecreatesTheBuildDirectoryIsFollowed() throws Exception {
        Path target = classes.resolve("target");
        Path dir = target.resolve("classes");
        TestAppCompiler.compile(dir, Map.of(PKG + ".App", app(), PKG + ".Reply", TestAppCompiler.reply(PKG, "v1"),
                PKG + ".Late", late("late v1")));
        TestAppCompiler.declare(dir, PKG + ".App");
        server = LocalServer.builder().app(dir).port(0).log(new PrintStream(log, true, StandardCharsets.UTF_8))
                .start();
        assertThat(get("/hello")).isEqualTo("v1");

        Files.move(target, classes.resolve("cleaned"));
        TestAppCompiler.compile(dir, Map.of(PKG + ".App", app(), PKG + ".Reply", TestAppCompiler.reply(PKG, "v2"),
                PKG + ".Late", late("late v2")));
        TestAppCompiler.declare(dir, PKG + ".App");

        assertThat(eventually(() -> body("/hello"), "v2"::equals)).isEqualTo("v2");
    }
}
