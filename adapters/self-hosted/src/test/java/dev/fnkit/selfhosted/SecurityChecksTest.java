package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The security checks of docs/robustness.md that the edge tests do not already make, against one real gateway with
 * real instances: every admin path refuses every request without the admin token; API keys guard asynchronous
 * calls; secret values and the admin token appear in nothing the gateway shows or writes (its output and log, the
 * logs API, metrics, every admin answer, instances' environments and command lines, its data files); and what does
 * and does not keep one function from another's secrets and working directory.
 */
class SecurityChecksTest {
    private static final String TOKEN = "admin-" + UUID.randomUUID();
    private static final String ALPHA = "alpha-" + UUID.randomUUID();
    private static final String BETA = "beta-" + UUID.randomUUID();
    private static final String REJECTED = "rejected-" + UUID.randomUUID();
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();

    /** Every admin path with each method it takes, and some it does not. */
    private static final List<String> ADMIN_REQUESTS = List.of(
            "GET /system", "GET /system/", "GET /system/nothing",
            "GET /system/functions", "POST /system/functions", "PUT /system/functions", "DELETE /system/functions",
            "GET /system/function/vault-a", "POST /system/scale-function/vault-a",
            "GET /system/keys", "POST /system/keys", "DELETE /system/keys/0123456789abcdef",
            "GET /system/secrets", "POST /system/secrets", "PUT /system/secrets", "DELETE /system/secrets/alpha",
            "GET /system/usage", "GET /system/logs", "GET /system/logs?name=vault-a&since=1h&follow=true",
            "GET /system/dead-letters", "POST /system/dead-letters/redrive",
            "POST /system/dead-letters/00000000-0000-0000-0000-000000000000/redrive");

    @TempDir
    static Path work;

    private static Gateway gateway;
    private static URI url;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        Path bundle = TestApps.bundle(EdgeApps.compile(work.resolve("apps")), work.resolve("bundles"));
        gateway = Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken(TOKEN).prestartedWorkers(0)
                .out(new PrintStream(OUT, true, StandardCharsets.UTF_8))
                .log(new PrintStream(LOG, true, StandardCharsets.UTF_8))
                .start();
        url = gateway.url();
        assertThat(admin("POST", "/system/secrets", "{\"name\":\"alpha\",\"value\":\"" + ALPHA + "\"}").statusCode())
                .isEqualTo(201);
        assertThat(admin("POST", "/system/secrets", "{\"name\":\"beta\",\"value\":\"" + BETA + "\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> deployed = admin("POST", "/system/functions", "{\"bundle\": \"" + bundle
                + "\", \"gateway\": {\"guarded.auth\": \"api-key\", \"vault-a.secrets\": \"alpha\","
                + " \"vault-b.secrets\": \"beta\"}}");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(202);
        HttpResponse<String> created = admin("POST", "/system/keys", "{\"name\": \"ci\", \"functions\": [\"guarded\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        key = json(created).path("key").asText();
        assertThat(Http.get(url, "/vault-a?read=alpha").body()).contains(ALPHA);
        assertThat(Http.get(url, "/vault-b?read=beta").body()).contains(BETA);
    }

    /** Other OS users reach nothing below the data directory: journal, instance directories, settings. */
    @Test
    void theDataDirectoryIsTheOwnersOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("data"))))
                .isEqualTo("rwx------");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        Children.assertNoneLeft();
    }

    @Test
    void everyAdminPathRefusesEveryRequestWithoutTheAdminToken() throws IOException {
        List<String> credentials = List.of("", "Authorization: Bearer wrong\r\n",
                "Authorization: Bearer " + TOKEN + "x\r\n", "Authorization: Basic " + TOKEN + "\r\n",
                "Authorization: " + TOKEN + "\r\n", "Authorization: Bearer " + key + "\r\n", "X-Api-Key: " + TOKEN
                        + "\r\n", "Cookie: token=" + TOKEN + "\r\n");
        String secretBody = "{\"name\":\"gamma\",\"value\":\"x\",\"serviceName\":\"vault-a\",\"replicas\":0}";
        for (String request : ADMIN_REQUESTS) {
            String[] parts = request.split(" ");
            for (String credential : credentials) {
                String response = raw(parts[0], parts[1], credential, secretBody);
                assertThat(response).as(request + " with " + credential).startsWith("HTTP/1.1 401 ")
                        .containsIgnoringCase("content-type: application/problem+json")
                        .contains("\"code\":\"unauthorized\"").doesNotContain("vault-a\"").doesNotContain(ALPHA);
            }
        }
        String withTokenInQuery = raw("GET", "/system/functions?token=" + TOKEN + "&access_token=" + TOKEN, "", "");
        assertThat(withTokenInQuery).startsWith("HTTP/1.1 401 ");

        assertThat(admin("GET", "/system/secrets", null).body()).contains("\"alpha\"").doesNotContain("gamma");
        assertThat(admin("GET", "/system/keys", null).body()).contains("\"ci\"");
        assertThat(admin("GET", "/system/function/vault-a", null).statusCode()).isEqualTo(200);
        String id = key.substring(4, key.indexOf('_', 4));
        assertThat(raw("DELETE", "/system/keys/" + id, "", "")).startsWith("HTTP/1.1 401 ");
        assertThat(raw("DELETE", "/system/secrets/beta", "", "")).startsWith("HTTP/1.1 401 ");
        assertThat(Http.post(url, "/guarded", "text/plain", "k", "x-api-key", key).statusCode())
                .as("the key was not revoked").isEqualTo(200);
        assertThat(admin("GET", "/system/secrets", null).body()).contains("\"beta\"");
    }

    @Test
    void pathsThatLookLikeTheAdminApiNeverAnswerWithoutTheToken() throws IOException {
        for (String path : List.of("/System/functions", "//system/functions", "/system%2Ffunctions",
                "/%73ystem/functions", "/ui/../system/functions", "/function/x/../../system/functions",
                "/async-function/../system/functions", "/queue/../system/secrets")) {
            String response = raw("GET", path, "", "");
            assertThat(response).as(path).doesNotStartWith("HTTP/1.1 200").doesNotStartWith("HTTP/1.1 2")
                    .doesNotContain("\"vault-a\"").doesNotContain("\"alpha\"");
        }
    }

    @Test
    void theUiIsPublicButHoldsNoData() {
        for (String path : List.of("/ui", "/ui/", "/ui/app.js", "/ui/app.css")) {
            HttpResponse<String> response = Http.get(url, path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("content-security-policy").orElseThrow())
                    .startsWith("default-src 'none'");
            assertThat(response.body()).as(path).doesNotContain("vault-a").doesNotContain(ALPHA)
                    .doesNotContain(TOKEN).doesNotContain("\"ci\"");
        }
    }

    @Test
    void apiKeysGuardAsynchronousCallsAsTheyGuardRequests() {
        String other = json(admin("POST", "/system/keys", "{\"name\": \"other\", \"functions\": [\"open\"]}"))
                .path("key").asText();
        assertProblem(async(), 401, "api-key-required");
        assertProblem(async("x-api-key", key + "x"), 401, "api-key-invalid");
        assertProblem(async("x-api-key", other), 403, "api-key-forbidden");
        assertProblem(async("authorization", "Bearer " + TOKEN), 401, "api-key-invalid");
        HttpResponse<String> accepted = async("x-api-key", key);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("x-call-id")).isPresent();

        String revoked = json(admin("POST", "/system/keys", "{\"name\": \"revoked\"}")).path("key").asText();
        assertThat(async("x-api-key", revoked).statusCode()).isEqualTo(202);
        String id = revoked.substring(4, revoked.indexOf('_', 4));
        assertThat(admin("DELETE", "/system/keys/" + id, null).statusCode()).isEqualTo(200);
        assertProblem(async("x-api-key", revoked), 401, "api-key-invalid");
        assertProblem(Http.post(url, "/guarded", "text/plain", "x", "x-api-key", revoked), 401, "api-key-invalid");
    }

    @Test
    void secretValuesAppearInNothingTheGatewayShowsOrWritesButTheSecretFiles() throws IOException {
        HttpResponse<String> badName = admin("POST", "/system/secrets", "{\"name\": \"../x\", \"value\": \""
                + REJECTED + "\"}");
        assertThat(badName.statusCode()).isEqualTo(400);
        HttpResponse<String> malformed = admin("POST", "/system/secrets", "{\"name\": \"x\", \"value\": \""
                + REJECTED + "\" \"");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(Http.get(url, "/vault-a").body()).as("the function's own environment").doesNotContain(ALPHA)
                .doesNotContain(BETA);
        Map<String, String> seen = everythingObservable(file -> !isSecretFile(file));
        seen.forEach((where, text) -> assertThat(text).as(where).doesNotContain(ALPHA).doesNotContain(BETA)
                .doesNotContain(REJECTED));
        assertThat(seen.keySet()).anyMatch(where -> where.startsWith("environment of vault-a"))
                .anyMatch(where -> where.startsWith("environment of vault-b"));
        assertThat(seen.get("the gateway's metrics")).contains("vault-a");
    }

    @Test
    void theAdminTokenAppearsInNothingTheGatewayShowsOrWrites() throws IOException {
        assertThat(raw("GET", "/system/functions", "Authorization: Bearer " + TOKEN.substring(0, 20) + "\r\n", ""))
                .startsWith("HTTP/1.1 401 ");
        assertThat(Http.get(url, "/vault-b").body()).doesNotContain(TOKEN);
        everythingObservable(file -> true).forEach((where, text) ->
                assertThat(text).as(where).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(0, 20)));
    }

    /**
     * What keeps one function from another's secrets and working directory: each instance has its own directory and
     * its own secrets directory holding only its function's secrets, named by {@code FNKIT_SECRETS_DIR}, and a
     * relative path from there finds nothing else.
     */
    @Test
    void functionsSecretsAndDirectoriesAreSeparate() throws IOException {
        JsonNode a = json(Http.get(url, "/vault-a"));
        JsonNode b = json(Http.get(url, "/vault-b"));
        Path dirA = Path.of(a.path("dir").asText());
        Path dirB = Path.of(b.path("dir").asText());
        assertThat(dirA.getParent()).isNotEqualTo(dirB.getParent());
        assertThat(dirA.getParent().getParent()).isEqualTo(dirB.getParent().getParent());
        assertThat(dirA.getParent().getParent().getFileName().toString())
                .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(a.path("files").toString()).isEqualTo("[\"alpha\"]");
        assertThat(b.path("files").toString()).isEqualTo("[\"beta\"]");
        assertThat(json(Http.get(url, "/vault-a?read=beta")).path("content").asText()).startsWith("unreadable");
        assertThat(json(Http.get(url, "/vault-a?read=../beta")).path("content").asText()).startsWith("unreadable");
        assertThat(json(Http.get(url, "/vault-a?read=../../beta")).path("content").asText()).startsWith("unreadable");
    }

    /**
     * What keeps a function out of other instances' files and the gateway's by their absolute paths: each instance
     * runs as its own OS user, which owns its directory and its secrets (0700), while the data directory stays the
     * gateway's (0700). That needs the gateway to run as root; where it does not, this test is skipped, saying why.
     */
    @Test
    void aFunctionCannotReadAnotherInstancesFilesOrTheGatewaysByAbsolutePath() throws IOException {
        Optional<String> problem = InstanceIsolation.problem(InstanceIsolation.parseRange(
                InstanceIsolation.DEFAULT_RANGE), Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assumeTrue(problem.isEmpty(), () -> "instances cannot be isolated here: " + problem.orElseThrow());
        JsonNode a = json(Http.get(url, "/vault-a"));
        JsonNode b = json(Http.get(url, "/vault-b"));
        Path dirA = Path.of(a.path("dir").asText()).getParent();
        Path dirB = Path.of(b.path("dir").asText()).getParent();
        assertThat(dirA.startsWith(work.resolve("data"))).as(dirA + " outside the data directory").isFalse();

        Map<String, Path> forbidden = new LinkedHashMap<>();
        forbidden.put("another instance's secret", dirB.resolve("secrets/beta"));
        forbidden.put("the gateway's secret directory", work.resolve("data/secrets/beta"));
        forbidden.put("the journal", work.resolve("data/journal.db"));
        forbidden.put("another instance's bundle", dirB.resolve("app/" + BundleManifest.FILE_NAME));
        forbidden.put("the gateway's environment", Path.of("/proc", Long.toString(ProcessHandle.current().pid()),
                "environ"));
        forbidden.put("another instance's environment", Path.of("/proc", Long.toString(instancePid("vault-b")),
                "environ"));
        for (Map.Entry<String, Path> file : forbidden.entrySet()) {
            assertThat(file.getValue()).as(file.getKey()).exists();
            assertThat(json(Http.get(url, "/vault-a?read=" + file.getValue())).path("content").asText())
                    .as(file.getKey()).startsWith("unreadable: AccessDeniedException");
        }
        assertThat(json(Http.get(url, "/vault-a?read=" + dirA.resolve("secrets/alpha"))).path("content").asText())
                .isEqualTo(ALPHA);

        Map<String, Integer> users = new LinkedHashMap<>();
        for (JsonNode function : json(admin("GET", "/system/functions", null))) {
            for (JsonNode instance : function.path("fnkit").path("instances")) {
                String status = Files.readString(Path.of("/proc", instance.path("pid").asText(), "status"));
                String uid = status.lines().filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
                String gid = status.lines().filter(line -> line.startsWith("Gid:")).findFirst().orElseThrow();
                String groups = status.lines().filter(line -> line.startsWith("Groups:")).findFirst().orElseThrow();
                int real = Integer.parseInt(uid.split("\\s+")[1]);
                assertThat(uid.split("\\s+")).as(uid).containsOnly("Uid:", Integer.toString(real));
                assertThat(gid.split("\\s+")).as(gid).containsOnly("Gid:", Integer.toString(real));
                assertThat(groups.strip()).isEqualTo("Groups:");
                users.put(function.path("name").asText() + "/" + instance.path("id").asText(), real);
            }
        }
        assertThat(users).hasSizeGreaterThanOrEqualTo(2);
        assertThat(users.values()).doesNotContain(0).doesNotHaveDuplicates();
        assertThat(users.values()).contains((Integer) Files.getAttribute(dirA, "unix:uid"),
                (Integer) Files.getAttribute(dirB, "unix:uid"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dirA))).isEqualTo("rwx------");
    }

    private static long instancePid(String function) {
        return json(admin("GET", "/system/function/" + function, null)).path("fnkit").path("instances").get(0)
                .path("pid").asLong();
    }

    /**
     * Everything an operator or a client can see of the gateway, by where it was seen: its output and log streams,
     * the logs API, metrics, admin answers, each instance's environment and command line, and the data files that
     * {@code include} accepts.
     */
    private static Map<String, String> everythingObservable(java.util.function.Predicate<Path> include)
            throws IOException {
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("the gateway's output", OUT.toString(StandardCharsets.UTF_8));
        seen.put("the gateway's log", LOG.toString(StandardCharsets.UTF_8));
        seen.put("the gateway's metrics", Http.get(url, "/metrics").body());
        for (String path : List.of("/system/logs?since=1h", "/system/functions", "/system/function/vault-a",
                "/system/function/vault-b", "/system/usage", "/system/keys", "/system/secrets",
                "/system/dead-letters")) {
            HttpResponse<String> response = admin("GET", path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            seen.put(path, response.body());
        }
        for (JsonNode function : json(admin("GET", "/system/functions", null))) {
            for (JsonNode instance : function.path("fnkit").path("instances")) {
                String name = function.path("name").asText() + " (" + instance.path("id").asText() + ")";
                Path proc = Path.of("/proc", instance.path("pid").asText());
                readIfPresent(seen, "environment of " + name, proc.resolve("environ"));
                readIfPresent(seen, "command line of " + name, proc.resolve("cmdline"));
            }
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(work.resolve("data"))) {
            walk.filter(Files::isRegularFile).filter(include).forEach(files::add);
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            readIfPresent(seen, "data file " + work.relativize(file), file);
        }
        return seen;
    }

    /** Reads a file unless it went away since it was listed (an instance that stopped, a journal's temporary file). */
    private static void readIfPresent(Map<String, String> seen, String where, Path file) {
        try {
            seen.put(where, new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException e) {
            // gone
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isSecretFile(Path file) {
        Path parent = file.getParent();
        return parent != null && parent.getFileName().toString().equals("secrets");
    }

    /** A request over a raw socket, so that the path goes exactly as written; the whole answer. */
    private static String raw(String method, String path, String headers, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers
                + (content.length > 0 ? "Content-Type: application/json\r\n" : "")
                + "Content-Length: " + content.length + "\r\n\r\n";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), url.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpResponse<String> admin(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path))
                .header("authorization", "Bearer " + TOKEN).header("content-type", "application/json");
        return Http.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> async(String... headers) {
        return Http.post(url, "/async-function/guarded", "text/plain", "job", headers);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.tree(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains(code);
    }
}
