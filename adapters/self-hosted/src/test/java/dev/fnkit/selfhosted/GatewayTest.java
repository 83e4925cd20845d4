package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway with real instance processes: the samples, scaling, failures, the admin API and metrics. */
class GatewayTest {
    private static final String TOKEN = "test-admin-token";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static Gateway gateway;
    private static Path testFunctionsBundle;
    private static Path helloBundle;
    private static URI url;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        TestApps.sharedWithInstances(work.resolve("records"));
        Path staging = work.resolve("bundles");
        List<Path> bundles = List.of(
                TestApps.bundle(TestApps.sample("hello", work.resolve("apps")), staging),
                TestApps.bundle(TestApps.sample("triggers", work.resolve("apps")), staging),
                TestApps.bundle(TestApps.testFunctions(work.resolve("apps")), staging));
        testFunctionsBundle = bundles.get(2);
        helloBundle = bundles.get(0);
        gateway = Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken(TOKEN)
                .autoscaling(Autoscaling.DEFAULTS.withStableWindow(Duration.ofSeconds(3))
                        .withTick(Duration.ofMillis(300)).withScaleToZeroGrace(Duration.ofSeconds(1)))
                .maxBundleBytes(2 * 1024 * 1024)
                .out(new PrintStream(OUT, true, StandardCharsets.UTF_8))
                .log(new PrintStream(LOG, true, StandardCharsets.UTF_8))
                .instanceEnvironment(Map.of("FNKIT_RECORD_DIR", work.resolve("records").toString()))
                .start();
        url = gateway.url();
        for (Path bundle : bundles) {
            gateway.deploy(bundle);
        }
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        Children.assertNoneLeft();
    }

    private static HttpResponse<String> admin(HttpRequest.Builder request) {
        return Http.send(request.header("authorization", "Bearer " + TOKEN));
    }

    private static JsonNode status(String function) {
        HttpResponse<String> response = admin(HttpRequest.newBuilder(url.resolve("/system/function/" + function)));
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.tree(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> instances(String function) {
        List<JsonNode> list = new ArrayList<>();
        status(function).path("fnkit").path("instances").forEach(list::add);
        return list;
    }

    @Test
    void helloAnswersOnItsRoutesAndAtFunctionName() {
        assertThat(Http.get(url, "/hello/Ada").body()).isEqualTo("{\"message\":\"Hello, Ada!\"}");
        assertThat(Http.get(url, "/hello?name=Bob").body()).isEqualTo("{\"message\":\"Hello, Bob!\"}");
        assertThat(Http.post(url, "/hello", "application/json", "{\"name\":\"Cy\"}").body())
                .isEqualTo("{\"message\":\"Hello, Cy!\"}");
        HttpResponse<String> byName = Http.get(url, "/function/hello");
        assertThat(byName.statusCode()).isEqualTo(200);
        assertThat(byName.body()).isEqualTo("{\"message\":\"Hello, world!\"}");
        assertThat(byName.headers().firstValue("x-request-id")).isPresent();
        HttpResponse<String> bad = Http.post(url, "/hello", "application/json", "{\"name\":\"\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(Http.get(url, "/nowhere").statusCode()).isEqualTo(404);
        assertThat(Http.send(HttpRequest.newBuilder(url.resolve("/hello/x")).DELETE()).statusCode()).isEqualTo(405);
        assertThat(Http.get(url, "/function/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void statusNamesThePortAndTheUnixSocketEachInstanceServes() {
        assertThat(Http.get(url, "/hello/Ada").statusCode()).isEqualTo(200);
        JsonNode instance = instances("hello").get(0);
        assertThat(instance.path("port").asInt()).isPositive();
        Path socket = Path.of(instance.path("socket").asText());
        assertThat(socket.getFileName().toString()).isEqualTo("fnkit.sock");
        assertThat(socket).exists();
        assertThat(Files.isRegularFile(socket)).as("a socket, not a regular file").isFalse();
    }

    @Test
    void echoSeesTheCallersRequestAndNothingOfTheGateway() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(url.resolve("/echo/a/b?x=1&x=2"))
                .header("x-custom", "v1").header("x-fnkit-deadline", "1").header("x-request-id", "req-42")
                .header("cookie", "c=d").POST(HttpRequest.BodyPublishers.ofString("body")));
        JsonNode echo = Json.tree(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(echo.path("path").asText()).isEqualTo("/echo/a/b");
        assertThat(echo.path("pathParameters").path("path").asText()).isEqualTo("a/b");
        assertThat(echo.path("query").path("x").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(echo.path("headers").path("x-custom").get(0).asText()).isEqualTo("v1");
        assertThat(echo.path("headers").has("x-fnkit-deadline")).isFalse();
        assertThat(echo.path("headers").path("host").get(0).asText()).isEqualTo(url.getAuthority());
        assertThat(echo.path("cookies").path("c").asText()).isEqualTo("d");
        assertThat(echo.path("bodyText").asText()).isEqualTo("body");
        assertThat(echo.path("requestId").asText()).isEqualTo("req-42");
        assertThat(echo.path("provider").asText()).isEqualTo("SELF_HOSTED");
        assertThat(echo.path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(Http.get(url, "/function/echo/sub").body()).contains("\"path\":\"/sub\"");
    }

    @Test
    void everyTriggerOfTheTriggersSampleIsInvokedThroughTheGateway() {
        assertThat(Http.post(url, "/function/greet", "application/json", "{\"name\":\"Ada\"}").body())
                .isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
        assertThat(Http.post(url, "/function/orders", "application/json", "{\"id\":\"o1\",\"item\":\"tea\"}")
                .statusCode()).isEqualTo(204);
        HttpResponse<String> batch = Http.send(HttpRequest.newBuilder(url.resolve("/function/orders"))
                .header("content-type", "application/json").header("x-request-id", "batch")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "[{\"id\":\"o2\",\"item\":\"tea\"},{\"id\":\"o3\",\"item\":\"x\",\"fail\":true}]")));
        assertThat(batch.statusCode()).isEqualTo(200);
        assertThat(batch.body()).isEqualTo("{\"failedItemIds\":[\"batch-1\"]}");
        HttpResponse<String> binary = Http.send(HttpRequest.newBuilder(url.resolve("/function/uploads"))
                .header("ce-specversion", "1.0").header("ce-id", "e1").header("ce-source", "//storage/uploads")
                .header("ce-type", "com.example.created").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bucket\":\"uploads\",\"key\":\"a.png\","
                        + "\"change\":\"CREATED\"}")));
        assertThat(binary.statusCode()).isEqualTo(204);
        HttpResponse<String> structured = Http.post(url, "/function/audit", "application/cloudevents+json",
                "{\"specversion\":\"1.0\",\"id\":\"e2\",\"source\":\"//audit\",\"type\":\"t\","
                        + "\"datacontenttype\":\"text/plain\",\"data\":\"logged in\"}");
        assertThat(structured.statusCode()).isEqualTo(204);
        assertThat(Http.post(url, "/function/nightly", "application/json", "{}").statusCode()).isEqualTo(204);
        assertThat(Http.post(url, "/function/clicks", "application/json", "[\"c1\",\"c2\"]").statusCode())
                .isEqualTo(200);
        assertThat(Http.post(url, "/function/inventory", "application/json",
                "{\"source\":\"inventory-table\",\"type\":\"INSERT\",\"keys\":{\"id\":\"1\"}}").statusCode())
                .isEqualTo(204);
        for (String function : List.of("uploads", "audit", "nightly", "clicks", "inventory")) {
            assertThat(work.resolve("records").resolve(function + ".jsonl")).as(function).exists();
        }
        assertThat(work.resolve("records/audit.jsonl")).content().contains("\"id\":\"e2\"")
                .contains("bG9nZ2VkIGlu");
        assertThat(work.resolve("records/uploads.jsonl")).content().contains("a.png");
        assertThat(Http.get(url, "/received").statusCode()).isEqualTo(200);
    }

    @Test
    void aBurstAtZeroIsBufferedAndEveryRequestSucceeds() throws Exception {
        assertThat(instances("buffered")).isEmpty();
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                responses.add(clients.submit(() -> Http.get(url, "/buffered?ms=50")));
            }
            for (Future<HttpResponse<String>> response : responses) {
                assertThat(response.get().statusCode()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(Http.get(url, "/metrics").body()).contains("fnkit_cold_starts_total{function_name=\"buffered\",start=");
    }

    @Test
    void loadScalesFromZeroToSeveralInstancesAndBackToZero() throws Exception {
        Children.await("scaler is at zero", WAIT, () -> instances("scaler").isEmpty());
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<List<Integer>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                results.add(clients.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    while (loading.get()) {
                        statuses.add(Http.get(url, "/scaler?ms=100").statusCode());
                    }
                    return statuses;
                }));
            }
            Children.await("scaler has 3 ready instances", WAIT,
                    () -> status("scaler").path("availableReplicas").asInt() == 3);
        } finally {
            loading.set(false);
            clients.shutdown();
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> result : results) {
            statuses.addAll(result.get());
        }
        assertThat(statuses).isNotEmpty().allMatch(s -> s == 200);
        Children.await("scaler is back at zero", WAIT, () -> instances("scaler").isEmpty());
        assertThat(LOG.toString(StandardCharsets.UTF_8)).contains("fnkit autoscaler: scaler")
                .contains("scale-to-zero");
        assertThat(Http.get(url, "/metrics").body())
                .contains("fnkit_scale_decisions_total{direction=\"up\",function_name=\"scaler\"");
    }

    @Test
    void aKilledInstanceFailsItsRequestWith502AndIsReplaced() throws Exception {
        answeringPid("/sleeper?ms=1");
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
                () -> Http.send(HttpRequest.newBuilder(url.resolve("/sleeper?ms=1500"))
                        .header("x-request-id", "kill-me")));
        Children.await("the function runs the request", WAIT,
                () -> OUT.toString(StandardCharsets.UTF_8).contains("sleeping requestId=kill-me"));
        long pid = instances("sleeper").stream().filter(i -> i.path("outstanding").asInt() == 1).findFirst()
                .orElseThrow().path("pid").asLong();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        HttpResponse<String> failed = inFlight.get();
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.body()).contains("instance-failed");
        Children.await("a replacement instance answers", WAIT, () -> {
            HttpResponse<String> next = Http.get(url, "/sleeper?ms=1");
            return next.statusCode() == 200 && Long.parseLong(next.body()) != pid;
        });
    }

    @Test
    void aSlowRequestGets504AndTheNextSucceedsOnAFreshInstance() {
        long pid = answeringPid("/sleeper?ms=1");
        HttpResponse<String> slow = Http.get(url, "/sleeper?ms=10000");
        assertThat(slow.statusCode()).isEqualTo(504);
        assertThat(slow.body()).contains("function-timeout").contains("4 s");
        Children.await("the stuck instance is gone", WAIT, () -> ProcessHandle.of(pid).isEmpty()
                || !ProcessHandle.of(pid).get().isAlive());
        Children.await("a replacement instance answers", WAIT, () -> {
            HttpResponse<String> next = Http.get(url, "/sleeper?ms=1");
            return next.statusCode() == 200 && Long.parseLong(next.body()) != pid;
        });
    }

    @Test
    void aRedeployUnderLoadFailsNoRequest() throws Exception {
        assertThat(Http.get(url, "/environment").statusCode()).isEqualTo(200);
        int before = status("environment").path("fnkit").path("instances").get(0).path("pid").asInt();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Future<List<Integer>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                results.add(clients.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    while (loading.get()) {
                        statuses.add(Http.get(url, "/environment").statusCode());
                    }
                    return statuses;
                }));
            }
            HttpResponse<String> redeployed = admin(HttpRequest.newBuilder(url.resolve("/system/functions"))
                    .header("content-type", "application/zip")
                    .PUT(HttpRequest.BodyPublishers.ofFile(testFunctionsBundle)));
            assertThat(redeployed.statusCode()).isEqualTo(202);
            assertThat(redeployed.body()).contains("\"revision\":2");
            Children.await("the new revision serves alone", WAIT, () -> {
                List<JsonNode> now = instances("environment");
                return !now.isEmpty() && now.stream().noneMatch(i -> i.path("stale").asBoolean())
                        && now.stream().noneMatch(i -> i.path("pid").asInt() == before);
            });
        } finally {
            loading.set(false);
            clients.shutdown();
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> result : results) {
            statuses.addAll(result.get());
        }
        assertThat(statuses).isNotEmpty().allMatch(s -> s == 200);
    }

    @Test
    void anInstanceThatStopsAnsweringIsReplaced() throws Exception {
        long pid = Long.parseLong(Http.get(url, "/sleeper?ms=1").body());
        Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start();
        assertThat(stop.waitFor()).isZero();
        Children.await("the frozen instance is recycled", WAIT, () -> ProcessHandle.of(pid).isEmpty()
                || !ProcessHandle.of(pid).get().isAlive());
        assertThat(LOG.toString(StandardCharsets.UTF_8)).contains("did not answer its liveness probe");
        Children.await("a replacement instance answers", WAIT, () -> {
            HttpResponse<String> next = Http.get(url, "/sleeper?ms=1");
            return next.statusCode() == 200 && Long.parseLong(next.body()) != pid;
        });
    }

    @Test
    void requestsThatCannotBeServedBeforeTheirDeadlineGet503WithRetryAfter() throws Exception {
        HttpResponse<String> deployed = admin(HttpRequest.newBuilder(url.resolve("/system/functions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"service\":\"stuck\",\"envProcess\":\"sleep 5\",\"labels\":{\"fnkit.timeout\":\"1s\","
                                + "\"com.openfaas.scale.max\":\"1\",\"fnkit.concurrency\":\"1\"}}")));
        assertThat(deployed.statusCode()).isEqualTo(202);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> Http.get(url, "/function/stuck")));
        }
        int unavailable = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get();
            assertThat(response.statusCode()).isIn(503, 504);
            if (response.statusCode() == 503) {
                unavailable++;
                assertThat(response.body()).contains("not-served-in-time");
                assertThat(response.headers().firstValue("retry-after")).isPresent();
            }
        }
        assertThat(unavailable).isGreaterThanOrEqualTo(2);
        admin(HttpRequest.newBuilder(url.resolve("/system/functions"))
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"functionName\":\"stuck\"}")));
    }

    @Test
    void instancesGetOnlyTheirDeclaredEnvironment() {
        JsonNode env = Json.tree(Http.get(url, "/environment").body().getBytes(StandardCharsets.UTF_8));
        assertThat(env.path("GREETING").asText()).isEqualTo("hello");
        assertThat(env.has("PATH")).isTrue();
        assertThat(env.has("FNKIT_ADMIN_TOKEN")).isFalse();
        List<String> names = new ArrayList<>();
        env.fieldNames().forEachRemaining(names::add);
        assertThat(names).isSubsetOf("GREETING", "FNKIT_RECORD_DIR", "PATH", "JAVA_HOME", "LANG", "LC_ALL", "TZ", "FNKIT_LOG_LEVEL",
                "HOME", "TMPDIR");
        Path home = Path.of(env.path("HOME").asText());
        assertThat(home.getParent().getParent().getFileName()).hasToString("instances");
        assertThat(env.path("TMPDIR").asText()).isEqualTo(home.resolve("tmp").toString());
    }

    @Test
    void theAdminApiNeedsTheToken() {
        HttpResponse<String> none = Http.get(url, "/system/functions");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("content-type")).hasValue("application/problem+json");
        HttpResponse<String> wrong = Http.send(HttpRequest.newBuilder(url.resolve("/system/functions"))
                .header("authorization", "Bearer nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(LOG.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN);
    }

    @Test
    void theAdminApiListsScalesDeploysAndDeletes() throws Exception {
        HttpResponse<String> list = admin(HttpRequest.newBuilder(url.resolve("/system/functions")));
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode functions = Json.tree(list.body().getBytes(StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>();
        functions.forEach(f -> names.add(f.path("name").asText()));
        assertThat(names).contains("hello", "echo", "greet", "orders", "scaler");
        assertThat(status("hello").path("fnkit").path("routes").toString()).contains("GET /hello/{name}");

        HttpResponse<String> deployed = admin(HttpRequest.newBuilder(url.resolve("/system/functions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"service\":\"upper\",\"envProcess\":\"tr a-z A-Z\",\"envVars\":{\"content_type\":"
                                + "\"text/plain\"}}")));
        assertThat(deployed.statusCode()).isEqualTo(202);
        HttpResponse<String> upper = Http.post(url, "/function/upper", "text/plain", "shout");
        assertThat(upper.statusCode()).isEqualTo(200);
        assertThat(upper.body()).isEqualTo("SHOUT");

        HttpResponse<String> scaled = admin(HttpRequest.newBuilder(url.resolve("/system/scale-function/upper"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"serviceName\":\"upper\",\"replicas\":2}")));
        assertThat(scaled.statusCode()).isEqualTo(202);
        assertThat(status("upper").path("replicas").asInt()).isGreaterThanOrEqualTo(1);

        HttpResponse<String> again = admin(HttpRequest.newBuilder(url.resolve("/system/functions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"service\":\"upper\",\"envProcess\":\"cat\"}")));
        assertThat(again.statusCode()).isEqualTo(409);

        HttpResponse<String> deleted = admin(HttpRequest.newBuilder(url.resolve("/system/functions"))
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"functionName\":\"upper\"}")));
        assertThat(deleted.statusCode()).isEqualTo(202);
        assertThat(Http.post(url, "/function/upper", "text/plain", "x").statusCode()).isEqualTo(404);
        assertThat(admin(HttpRequest.newBuilder(url.resolve("/system/function/upper"))).statusCode())
                .isEqualTo(404);
    }

    @Test
    void badBundlesAreRejectedWithPreciseMessages() throws Exception {
        Path slip = TestApps.zip(work.resolve("bad/slip.zip"), Map.of("../escape.txt", new byte[1]));
        Path noManifest = TestApps.zip(work.resolve("bad/none.zip"), Map.of("app.jar", new byte[1]));
        Path unknown = TestApps.zip(work.resolve("bad/unknown.zip"), Map.of("functions.json",
                ("{\"format\":1,\"app\":\"x\",\"functions\":[{\"name\":\"f\",\"kind\":\"GRPC\","
                        + "\"trigger\":{\"type\":\"http\"}}]}").getBytes(StandardCharsets.UTF_8)));
        Path big = work.resolve("bad/big.zip");
        Files.write(big, new byte[3 * 1024 * 1024]);
        assertThat(upload(slip)).contains("400").contains("'../escape.txt' points outside the bundle (zip-slip)");
        assertThat(upload(noManifest)).contains("400").contains("the bundle has no functions.json at its top level");
        assertThat(upload(unknown)).contains("400").contains("function 'f' has unknown kind 'GRPC'");
        HttpResponse<String> byPath = admin(HttpRequest.newBuilder(url.resolve("/system/functions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"bundle\":\"" + big + "\"}")));
        assertThat(byPath.statusCode()).isEqualTo(413);
        assertThat(byPath.body()).contains("the bundle is 3145728 bytes, over the limit of 2097152 bytes");
        assertThat(Files.exists(work.resolve("data").resolve("escape.txt"))).isFalse();
        HttpResponse<String> badSetting = admin(HttpRequest.newBuilder(url.resolve("/system/functions"))
                .header("content-type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"bundle\":\"" + helloBundle + "\",\"autoscaling\":{\"nosuch.tick\":\"1s\"}}")));
        assertThat(badSetting.statusCode()).isEqualTo(400);
        assertThat(badSetting.body()).contains("autoscaling setting nosuch.tick names no function of app 'hello'");
    }

    private static String upload(Path bundle) throws Exception {
        HttpResponse<String> response = admin(HttpRequest.newBuilder(url.resolve("/system/functions"))
                .header("content-type", "application/zip").POST(HttpRequest.BodyPublishers.ofFile(bundle)));
        return response.statusCode() + " " + response.body();
    }

    @Test
    void metricsAreOpenFaasCompatible() {
        Http.get(url, "/hello/M");
        String metrics = Http.get(url, "/metrics").body();
        assertThat(metrics).contains("gateway_function_invocation_total{code=\"200\",function_name=\"hello\"}")
                .contains("gateway_functions_seconds_bucket{code=\"200\",function_name=\"hello\"")
                .contains("gateway_service_count{function_name=\"hello\"}")
                .contains("fnkit_instances{function_name=\"hello\",state=\"ready\"}")
                .contains("fnkit_buffer_depth{function_name=\"hello\"}")
                .contains("fnkit_desired_instances{function_name=\"hello\"}")
                .contains("fnkit_actual_instances{function_name=\"hello\"}")
                .contains("fnkit_panic_mode{function_name=\"hello\"}")
                .contains("fnkit_cold_start_seconds_count{function_name=\"hello\",start=")
                .contains("start=\"prestarted\"");
        assertThat(LOG.toString(StandardCharsets.UTF_8)).contains("(pre-started worker)");
        assertThat(Http.get(url, "/healthz").body()).isEqualTo("ok");
    }

    /**
     * The pid a function's instance answers with, once one answers: a short deadline (sleeper's is 4 s) can pass
     * while a loaded machine starts a JVM, which is a 503, not a failure of what the tests check.
     */
    private static long answeringPid(String path) {
        java.util.concurrent.atomic.AtomicLong pid = new java.util.concurrent.atomic.AtomicLong();
        Children.await(path + " answers", WAIT, () -> {
            HttpResponse<String> answer = Http.get(url, path);
            if (answer.statusCode() != 200) {
                return false;
            }
            pid.set(Long.parseLong(answer.body()));
            return true;
        });
        return pid.get();
    }
}
