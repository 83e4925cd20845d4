package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's edge with real instances: API keys, rate limits, CORS, size limits and secrets, configured through
 * the admin API when the app is deployed; then usage, metrics, the access log and the logs API.
 */
class EdgeGatewayTest {
    private static final String TOKEN = "edge-admin-token";
    private static final String ALPHA = "alpha-value-" + UUID.randomUUID();
    private static final String BETA = "beta-value-" + UUID.randomUUID();
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();

    @TempDir
    static Path work;

    private static Gateway gateway;
    private static URI url;
    private static Path bundle;

    @BeforeAll
    static void start() throws Exception {
        bundle = TestApps.bundle(EdgeApps.compile(work.resolve("apps")), work.resolve("bundles"));
        gateway = Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken(TOKEN).prestartedWorkers(0)
                .out(new PrintStream(OUT, true, StandardCharsets.UTF_8))
                .log(new PrintStream(LOG, true, StandardCharsets.UTF_8))
                .start();
        url = gateway.url();
        assertThat(admin("POST", "/system/secrets", "{\"name\":\"alpha\",\"value\":\"" + ALPHA + "\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> missingSecret = deploy("{\"vault-a.secrets\": \"nope\"}");
        assertThat(missingSecret.statusCode()).isEqualTo(400);
        assertThat(missingSecret.body()).contains("secret 'nope'");
        assertThat(admin("POST", "/system/secrets", "{\"name\":\"beta\",\"value\":\"" + BETA + "\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> deployed = deploy("""
                {"guarded.auth": "api-key", "guarded-queue.auth": "api-key",
                 "limited.rateLimit": "1/m", "limited.burst": "2",
                 "browser.corsOrigins": "http://allowed.example", "browser.corsMethods": "PUT,POST",
                 "browser.corsHeaders": "content-type,x-api-key",
                 "small.maxBodyBytes": "10",
                 "vault-a.secrets": "alpha", "vault-b.secrets": "beta"}""");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(202);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        Children.assertNoneLeft();
    }

    private static HttpResponse<String> deploy(String settings) {
        return admin("POST", "/system/functions", "{\"bundle\": \"" + bundle + "\", \"gateway\": " + settings + "}");
    }

    private static HttpResponse<String> admin(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).header("authorization", "Bearer " + TOKEN)
                .header("content-type", "application/json");
        return Http.send(json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> call(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return Http.send(request);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.tree(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String createKey(String json) {
        HttpResponse<String> created = admin("POST", "/system/keys", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("key").asText();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains(code);
    }

    @Test
    void apiKeysAreCheckedStoredHashedAndRevocable() throws Exception {
        String key = createKey("{\"name\": \"ci\", \"functions\": [\"guarded\"]}");
        String other = createKey("{\"name\": \"elsewhere\", \"functions\": [\"limited\"]}");
        assertThat(key).startsWith("fnk_");

        HttpResponse<String> none = call("POST", "/guarded", "x");
        assertProblem(none, 401, "api-key-required");
        assertThat(none.headers().firstValue("www-authenticate")).isPresent();
        assertProblem(call("POST", "/guarded", "x", "x-api-key", key + "x"), 401, "api-key-invalid");
        assertProblem(call("POST", "/guarded", "x", "x-api-key", other), 403, "api-key-forbidden");

        HttpResponse<String> byHeader = call("POST", "/guarded", "hi", "x-api-key", key);
        assertThat(byHeader.statusCode()).isEqualTo(200);
        assertThat(byHeader.body()).as("the key is not forwarded").isEqualTo("echo:hi:-:-");
        HttpResponse<String> byBearer = call("POST", "/function/guarded", "yo", "authorization", "Bearer " + key);
        assertThat(byBearer.statusCode()).isEqualTo(200);
        assertThat(byBearer.body()).isEqualTo("echo:yo:-:-");
        assertThat(call("POST", "/open", "free").body()).isEqualTo("echo:free:-:-");

        String listed = admin("GET", "/system/keys", null).body();
        String stored = Files.readString(work.resolve("data/api-keys.json"));
        assertThat(listed).contains("\"ci\"").doesNotContain(key).doesNotContain(key.substring(20));
        assertThat(stored).contains(dev.fnkit.selfhosted.edge.EdgeTestAccess.sha256(key)).doesNotContain(key)
                .doesNotContain(key.substring(20));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("data/api-keys.json"))))
                .isEqualTo("rw-------");

        String id = key.substring(4, key.indexOf('_', 4));
        assertThat(admin("DELETE", "/system/keys/" + id, null).statusCode()).isEqualTo(200);
        assertProblem(call("POST", "/guarded", "x", "x-api-key", key), 401, "api-key-invalid");
        assertProblem(admin("DELETE", "/system/keys/" + id, null), 404, "key-not-found");

        JsonNode usage = json(admin("GET", "/system/usage", null));
        assertThat(usage.path("functions").path("guarded").path("invocations").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(usage.path("functions").path("guarded").path("gbSeconds").asDouble()).isPositive();
        assertThat(usage.path("apiKeys").path("ci").path("invocations").asLong()).isEqualTo(2);
        assertThat(Http.get(url, "/metrics").body())
                .containsPattern("fnkit_usage_invocations_total\\{api_key=\"ci\",function_name=\"guarded\"[^}]*} 2\\.0")
                .contains("fnkit_usage_gb_seconds_total{api_key=\"ci\"");
    }

    @Test
    void rateLimitsPerFunctionAndPerKeyAnswer429WithRetryAfter() {
        assertThat(call("GET", "/limited", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/limited", null).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = call("GET", "/limited", null);
        assertProblem(limited, 429, "rate-limited");
        assertThat(Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 60L);

        String slow = createKey("{\"name\": \"slow\", \"functions\": [\"*\"], \"rateLimit\": \"1/m\"}");
        assertThat(call("POST", "/open", "a", "x-api-key", slow).statusCode()).isEqualTo(200);
        HttpResponse<String> keyLimited = call("POST", "/open", "b", "x-api-key", slow);
        assertProblem(keyLimited, 429, "API key 'slow'");
        assertThat(keyLimited.headers().firstValue("retry-after")).isPresent();
        assertThat(call("POST", "/open", "c").statusCode()).as("others are not limited").isEqualTo(200);
    }

    @Test
    void corsPreflightsAreAnsweredByTheGatewayAndResponsesCarryTheAllowHeaders() {
        HttpResponse<String> preflight = call("OPTIONS", "/browser", null, "origin", "http://allowed.example",
                "access-control-request-method", "PUT", "access-control-request-headers", "Content-Type");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("http://allowed.example");
        assertThat(preflight.headers().firstValue("access-control-allow-methods")).hasValue("PUT, POST");
        assertThat(preflight.headers().firstValue("access-control-allow-headers")).hasValue("content-type");
        assertProblem(call("OPTIONS", "/browser", null, "origin", "http://evil.example",
                "access-control-request-method", "PUT"), 403, "cors-rejected");
        assertProblem(call("OPTIONS", "/function/browser", null, "origin", "http://allowed.example",
                "access-control-request-method", "DELETE"), 403, "cors-rejected");

        HttpResponse<String> allowed = call("PUT", "/browser", "b", "origin", "http://allowed.example");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("access-control-allow-origin")).hasValue("http://allowed.example");
        assertThat(allowed.headers().firstValue("access-control-expose-headers").orElseThrow())
                .contains("x-request-id");
        HttpResponse<String> foreign = call("PUT", "/browser", "b", "origin", "http://evil.example");
        assertThat(foreign.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void requestBodiesOverAFunctionsLimitAre413() {
        assertThat(call("POST", "/small", "0123456789").statusCode()).isEqualTo(200);
        assertProblem(call("POST", "/small", "0123456789!"), 413, "body-too-large");
        assertThat(call("POST", "/open", "0123456789!").statusCode()).isEqualTo(200);
    }

    @Test
    void eachFunctionGetsOnlyItsOwnSecretsAsOwnerOnlyFiles() throws Exception {
        JsonNode a = json(call("GET", "/vault-a?read=alpha", null));
        assertThat(a.path("files").toString()).isEqualTo("[\"alpha\"]");
        assertThat(a.path("content").asText()).isEqualTo(ALPHA);
        assertThat(a.path("environment").asText()).doesNotContain(ALPHA).doesNotContain(BETA);
        assertThat(json(call("GET", "/vault-a?read=beta", null)).path("content").asText()).startsWith("unreadable");
        JsonNode b = json(call("GET", "/vault-b?read=beta", null));
        assertThat(b.path("files").toString()).isEqualTo("[\"beta\"]");
        assertThat(b.path("content").asText()).isEqualTo(BETA);
        assertThat(json(call("GET", "/vault-b?read=alpha", null)).path("content").asText()).startsWith("unreadable");
        assertThat(a.path("dir").asText()).isNotEqualTo(b.path("dir").asText());

        Path dir = Path.of(a.path("dir").asText());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("alpha"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("data/secrets"))))
                .isEqualTo("rwx------");

        HttpResponse<String> listed = admin("GET", "/system/secrets", null);
        assertThat(listed.body()).contains("\"alpha\"").contains("vault-a").doesNotContain(ALPHA);
        assertThat(admin("GET", "/system/function/vault-a", null).body()).contains("\"secrets\":[\"alpha\"]")
                .doesNotContain(ALPHA);
        assertProblem(admin("POST", "/system/secrets", "{\"name\": \"../escape\", \"value\": \"x\"}"), 400,
                "secret name");
        assertProblem(admin("PUT", "/system/secrets", "{\"name\": \"absent\", \"value\": \"x\"}"), 404,
                "secret-not-found");
        assertProblem(admin("POST", "/system/secrets", "{\"name\": \"alpha\", \"value\": \"x\"}"), 409,
                "secret-exists");
        assertProblem(admin("DELETE", "/system/secrets/alpha", null), 409, "secret-in-use");
        assertThat(admin("POST", "/system/secrets", "{\"name\": \"spare\", \"value\": \"s\"}").statusCode())
                .isEqualTo(201);
        assertThat(admin("PUT", "/system/secrets", "{\"name\": \"spare\", \"value\": \"t\"}").statusCode())
                .isEqualTo(200);
        assertThat(admin("DELETE", "/system/secrets/spare", null).statusCode()).isEqualTo(200);
        assertThat(LOG.toString(StandardCharsets.UTF_8) + OUT.toString(StandardCharsets.UTF_8))
                .doesNotContain(ALPHA).doesNotContain(BETA);
    }

    @Test
    void publishingNeedsTheKeyItsConsumerNeedsAndDeliveriesAreMeteredAndLogged() {
        String key = createKey("{\"name\": \"publisher\", \"functions\": [\"guarded-queue\"]}");
        String other = createKey("{\"name\": \"not-a-publisher\", \"functions\": [\"open\"]}");
        assertProblem(call("POST", "/queue/orders", "\"order-1\"", "content-type", "application/json"), 401,
                "api-key-required");
        assertProblem(call("POST", "/queue/orders", "\"order-1\"", "content-type", "application/json",
                "x-api-key", other), 403, "api-key-forbidden");
        HttpResponse<String> accepted = call("POST", "/queue/orders", "\"order-2\"", "content-type",
                "application/json", "authorization", "Bearer " + key);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        Children.await("the delivery is metered", Duration.ofSeconds(30), () -> json(admin("GET", "/system/usage",
                null)).path("functions").path("guarded-queue").path("invocations").asInt() == 1);
        JsonNode access = admin("GET", "/system/logs?name=guarded-queue&since=10m", null).body().lines()
                .map(l -> Json.tree(l.getBytes(StandardCharsets.UTF_8)))
                .filter(n -> n.path("stream").asText().equals("access")).findFirst().orElseThrow();
        JsonNode record = Json.tree(access.path("line").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(record.path("status").asInt() / 100).isEqualTo(2);
        assertThat(record.path("instance").asText()).startsWith("guarded-queue-");
        assertThat(admin("GET", "/metrics", null).body().lines())
                .anyMatch(l -> l.startsWith("gateway_function_invocation_total{code=\"2")
                        && l.contains("function_name=\"guarded-queue\"} 1.0"));
    }

    @Test
    void logsCarryRequestIdsAndTheAccessLogAndFollowStreamsNewLines() throws Exception {
        String requestId = "logs-" + UUID.randomUUID();
        assertThat(call("POST", "/open", "logged", "x-request-id", requestId).statusCode()).isEqualTo(200);
        Children.await("the instance's line is captured", Duration.ofSeconds(20), () ->
                admin("GET", "/system/logs?name=open&since=10m", null).body().contains("echoing 6 characters"));
        String lines = admin("GET", "/system/logs?name=open&since=10m", null).body();
        JsonNode access = lines.lines().map(l -> Json.tree(l.getBytes(StandardCharsets.UTF_8)))
                .filter(n -> n.path("stream").asText().equals("access") && requestId.equals(n.path("requestId").asText()))
                .findFirst().orElseThrow();
        JsonNode record = Json.tree(access.path("line").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(record.path("function").asText()).isEqualTo("open");
        assertThat(record.path("status").asInt()).isEqualTo(200);
        assertThat(record.path("instance").asText()).startsWith("open-");
        assertThat(record.has("coldStart")).isTrue();
        assertThat(record.path("durationMillis").asDouble()).isPositive();
        assertThat(lines).contains("\"requestId\":\"" + requestId + "\",\"line\":\"")
                .contains("echoing 6 characters");
        Children.await("the access line is printed", Duration.ofSeconds(5), () ->
                LOG.toString(StandardCharsets.UTF_8).contains("\"log\":\"access\",") && LOG.toString(
                        StandardCharsets.UTF_8).contains("\"requestId\":\"" + requestId + "\""));

        assertThat(call("GET", "/system/logs?name=open", null).statusCode()).isEqualTo(401);
        assertProblem(admin("GET", "/system/logs?name=nothing", null), 404, "function-not-found");
        assertProblem(admin("GET", "/system/logs?since=yesterday", null), 400, "invalid-since");

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(
                        url.resolve("/system/logs?name=open&since=1s&follow=true"))
                .header("authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("content-type").orElseThrow()).startsWith("application/x-ndjson");
        String followed = "follow-" + UUID.randomUUID();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(),
                StandardCharsets.UTF_8))) {
            assertThat(call("POST", "/open", "streamed", "x-request-id", followed).statusCode()).isEqualTo(200);
            java.util.concurrent.CompletableFuture<String> seen = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> reader.lines().filter(l -> l.contains(followed) && l.contains("\"stream\":\"access\""))
                            .findFirst().orElse(null));
            assertThat(seen.get(30, TimeUnit.SECONDS)).contains("\"function\":\"open\"");
        }
    }

    @Test
    void badGatewaySettingsRefuseTheDeployment() {
        assertProblem(deploy("{\"auth\": \"maybe\"}"), 400, "auth is none or api-key");
        assertProblem(deploy("{\"nobody.auth\": \"api-key\"}"), 400, "names no function");
        assertProblem(deploy("{\"limited.rateLimit\": \"fast\"}"), 400, "rate limit");
        assertThat(call("GET", "/system/function/guarded", null).statusCode()).isEqualTo(401);
        assertThat(admin("GET", "/system/function/guarded", null).body()).contains("\"auth\":\"api-key\"");
    }

    @Test
    void settingsAndKeysSurviveTheDataDirectory() {
        assertThat(work.resolve("data/gateway-settings.json")).exists();
        assertThat(List.of(work.resolve("data/secrets/alpha"), work.resolve("data/secrets/beta")))
                .allMatch(Files::isRegularFile);
    }
}
