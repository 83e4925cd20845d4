package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real self-hosted gateway's answer to each bad input of the catalogue in docs/robustness.md, over a raw loopback
 * socket: HTTP framing and routing errors, and bundle uploads to the admin API that are not zips, leave the bundle,
 * unpack too large or carry a broken manifest. Each gets its exact status and problem code, and nothing outside the
 * gateway's data directory is written.
 */
class GatewayBadInputTest {
    private static final String TOKEN = "bad-input-token";
    private static final String MANIFEST = "{\"format\": 1, \"app\": \"shop\", \"version\": \"1\", \"appClasses\":"
            + " [\"shop.App\"], \"functions\": [{\"name\": \"hello\", \"kind\": \"HTTP\", \"trigger\": {\"type\":"
            + " \"http\", \"routes\": []}, \"options\": {\"timeoutSeconds\": 5, \"memoryMb\": 256}}]}";

    @TempDir
    static Path work;

    private static Gateway gateway;

    @BeforeAll
    static void start() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        gateway = Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken(TOKEN).prestartedWorkers(0)
                .maxBundleBytes(256 * 1024).maxUnpackedBytes(512 * 1024).out(quiet).log(quiet).start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    static Stream<Arguments> badRequests() throws IOException {
        return Stream.of(
                row("not-http", ascii("GARBAGE\r\n\r\n"), 400, "malformed-request"),
                row("header-without-colon", ascii("GET /x HTTP/1.1\r\nHost: l\r\nBad Header\r\n\r\n"), 400,
                        "malformed-request"),
                row("huge-request-line", ascii("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: l\r\n\r\n"), 414,
                        "uri-too-long"),
                row("huge-header", ascii("GET /x HTTP/1.1\r\nHost: l\r\nX-Big: " + "a".repeat(17_000) + "\r\n\r\n"),
                        431, "header-too-large"),
                row("no-such-route", ascii("GET /nothing/here HTTP/1.1\r\nHost: l\r\n\r\n"), 404, "not-found"),
                row("no-such-function", ascii("POST /function/nothing HTTP/1.1\r\nHost: l\r\nContent-Length: 0"
                        + "\r\n\r\n"), 404, "function-not-found"),
                row("path-traversal-to-admin-api", ascii("GET /function/../system/functions HTTP/1.1\r\nHost: l"
                        + "\r\n\r\n"), 404, "function-not-found"),
                row("admin-api-without-token", ascii("GET /system/functions HTTP/1.1\r\nHost: l\r\n\r\n"), 401,
                        "unauthorized"),
                row("bundle-not-a-zip", upload(ascii("not a zip at all")), 400, "deployment-rejected"),
                row("bundle-truncated-zip", upload(truncated(zip(Map.of("functions.json", MANIFEST,
                        "shop.jar", "x".repeat(4000))))), 400, "deployment-rejected"),
                row("bundle-zip-slip", upload(zip(Map.of("functions.json", MANIFEST, "../../escaped.txt", "x"))),
                        400, "deployment-rejected"),
                row("bundle-absolute-entry", upload(zip(Map.of("functions.json", MANIFEST, "/tmp/escaped", "x"))),
                        400, "deployment-rejected"),
                row("bundle-entry-name-too-long", upload(zip(Map.of("functions.json", MANIFEST, "a".repeat(300), "x"))),
                        400, "deployment-rejected"),
                row("bundle-file-where-a-directory-must-be", upload(zip(Map.of("functions.json", MANIFEST, "bin", "x",
                        "bin/tool", "y"))), 400, "deployment-rejected"),
                row("bundle-zip-bomb", upload(zip(Map.of("functions.json", MANIFEST, "bomb", "\0".repeat(600_000)))),
                        413, "deployment-rejected"),
                row("bundle-too-large", upload(new byte[300 * 1024]), 413, "deployment-rejected"),
                row("bundle-malformed-manifest", upload(zip(Map.of("functions.json", "{\"format\": 1, \"app\": ",
                        "shop.jar", "x"))), 400, "deployment-rejected"),
                row("bundle-manifest-wrong-types", upload(zip(Map.of("functions.json", "{\"format\": \"1\", \"app\":"
                        + " 7, \"functions\": {}}", "shop.jar", "x"))), 400, "deployment-rejected"),
                row("bundle-manifest-path-in-app-name", upload(zip(Map.of("functions.json",
                        MANIFEST.replace("\"shop\"", "\"../../etc\""), "shop.jar", "x"))), 400,
                        "deployment-rejected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequest(String name, byte[] request, int status, String code) throws IOException {
        String response = exchange(request);
        assertThat(response).startsWith("HTTP/1.1 " + status + " ");
        int bodyStart = response.indexOf("\r\n\r\n") + 4;
        assertThat(response.substring(0, bodyStart).toLowerCase()).contains("content-type: application/problem+json");
        JsonNode problem = Json.tree(response.substring(bodyStart).getBytes(StandardCharsets.UTF_8));
        assertThat(problem.path("code").asText()).as(problem.toString()).isEqualTo(code);
        assertThat(problem.toString()).doesNotContain("Exception");
        try (Stream<Path> files = Files.walk(work)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("escaped"))).isEmpty();
        }
        assertThat(Files.exists(Path.of("/tmp/escaped"))).isFalse();
    }

    private static Arguments row(String name, byte[] request, int status, String code) {
        return Arguments.of(name, request, status, code);
    }

    private static byte[] upload(byte[] bundle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("POST /system/functions HTTP/1.1\r\nHost: l\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/zip\r\nConnection: close\r\nContent-Length: " + bundle.length
                + "\r\n\r\n"));
        out.writeBytes(bundle);
        return out.toByteArray();
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        Path file = Files.createTempFile("fnkit-bad-bundle", ".zip");
        try {
            Map<String, byte[]> bytes = new LinkedHashMap<>();
            entries.forEach((name, content) -> bytes.put(name, content.getBytes(StandardCharsets.UTF_8)));
            return Files.readAllBytes(TestApps.zip(file, bytes));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static byte[] truncated(byte[] zip) {
        return Arrays.copyOf(zip, zip.length / 2);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends the request on a fresh connection and reads until the server closes it or the response is complete. */
    private static String exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.url().getPort())) {
            socket.setSoTimeout(30_000);
            try {
                socket.getOutputStream().write(request);
            } catch (IOException e) {
                // the server may answer and close before it has read everything, as for a body over the limit
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (IOException e) {
                    break;
                }
                if (read < 0) {
                    break;
                }
                response.write(buffer, 0, read);
                if (complete(response.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    private static boolean complete(String response) {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        for (String line : response.substring(0, end).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return response.length() - end - 4 >= Integer.parseInt(line.substring(15).trim());
            }
        }
        return false;
    }
}
