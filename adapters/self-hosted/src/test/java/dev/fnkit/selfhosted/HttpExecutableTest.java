package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An executable in {@code http} mode: a real Python {@code http.server} started once per instance with env
 * {@code PORT}, ready when its health path answers, proxied to like a worker, replaced when killed and scaled to
 * zero when idle; and the same through the OpenFaaS-shaped deployment with label {@code fnkit.mode=http}.
 */
class HttpExecutableTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SERVER = """
            #!/usr/bin/env python3
            import json, os, sys
            from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

            class Handler(BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"

                def do_GET(self):
                    self.answer()

                def do_POST(self):
                    self.answer()

                def answer(self):
                    if self.path == "/healthz":
                        body = b"ok"
                    else:
                        length = int(self.headers.get("content-length") or 0)
                        data = self.rfile.read(length).decode()
                        print("handling requestId=" + str(self.headers.get("x-request-id")), flush=True)
                        body = json.dumps({"pid": os.getpid(), "method": self.command, "path": self.path,
                                           "body": data, "greeting": os.environ.get("GREETING"),
                                           "requestId": self.headers.get("x-request-id")}).encode()
                    self.send_response(200)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

                def log_message(self, format, *args):
                    pass

            ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
            """;

    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private Gateway gateway;

    @TempDir
    Path work;

    @BeforeEach
    void start() {
        Autoscaling quick = Autoscaling.DEFAULTS.withStableWindow(Duration.ofSeconds(2))
                .withTick(Duration.ofMillis(200)).withScaleToZeroGrace(Duration.ofMillis(500));
        gateway = Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken("t").prestartedWorkers(0)
                .autoscaling(quick).out(quiet).log(quiet).start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        Children.assertNoneLeft();
    }

    @Test
    void aLongRunningPythonServerIsProxiedReplacedWhenKilledAndScaledToZero() throws Exception {
        Path app = work.resolve("py-http");
        Files.createDirectories(app);
        Files.writeString(app.resolve("server.py"), SERVER);
        Files.writeString(app.resolve("functions.json"), """
                {"format": 1, "app": "py-http", "version": "1", "appClasses": [],
                 "functions": [{"name": "pyserver", "kind": "EXECUTABLE", "command": ["./server.py"],
                                "mode": "http", "healthPath": "/healthz",
                                "trigger": {"type": "http", "routes": [{"method": "POST", "template": "/py/{rest}"}]},
                                "options": {"timeoutSeconds": 10, "memoryMb": 128,
                                            "environment": {"GREETING": "hi"}}}]}""");
        ServeCommand.deploy(gateway, List.of(app.toString()), quiet);

        HttpResponse<String> first = Http.post(gateway.url(), "/function/pyserver/items?x=1", "text/plain", "one",
                "x-request-id", "py-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode answer = json(first);
        assertThat(answer.path("method").asText()).isEqualTo("POST");
        assertThat(answer.path("path").asText()).isEqualTo("/items?x=1");
        assertThat(answer.path("body").asText()).isEqualTo("one");
        assertThat(answer.path("greeting").asText()).isEqualTo("hi");
        assertThat(answer.path("requestId").asText()).isEqualTo("py-1");
        long pid = answer.path("pid").asLong();
        HttpResponse<String> routed = Http.post(gateway.url(), "/py/thing", "text/plain", "two");
        assertThat(json(routed).path("path").asText()).isEqualTo("/py/thing");
        assertThat(json(routed).path("pid").asLong()).as("one long-running process").isEqualTo(pid);

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        Children.await("the killed server is replaced", WAIT, () -> {
            HttpResponse<String> again = Http.post(gateway.url(), "/function/pyserver/", "text/plain", "three");
            return again.statusCode() == 200 && json(again).path("pid").asLong() != pid;
        });

        Children.await("idle instances scale to zero", WAIT,
                () -> gateway.pool("pyserver").orElseThrow().status().instances().isEmpty());
        HttpResponse<String> cold = Http.post(gateway.url(), "/function/pyserver/", "text/plain", "four");
        assertThat(cold.statusCode()).isEqualTo(200);
        assertThat(json(cold).path("body").asText()).isEqualTo("four");
    }

    @Test
    void anOpenFaasStyleServiceWithModeHttpServesOverHttp() throws Exception {
        Path script = TestApps.sharedWithInstances(work.resolve("shared")).resolve("server.py");
        Files.writeString(script, SERVER);
        HttpResponse<String> deployed = Http.send(HttpRequest.newBuilder(gateway.url().resolve("/system/functions"))
                .header("authorization", "Bearer t").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"service\": \"pyfaas\", \"envProcess\": \"python3 "
                        + script + "\", \"envVars\": {\"GREETING\": \"faas\"}, \"labels\": {\"fnkit.mode\": \"http\"}}")));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(202);
        HttpResponse<String> answer = Http.post(gateway.url(), "/function/pyfaas", "text/plain", "x");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer).path("greeting").asText()).isEqualTo("faas");
        HttpResponse<String> status = Http.send(HttpRequest.newBuilder(gateway.url().resolve("/system/function/pyfaas"))
                .header("authorization", "Bearer t"));
        assertThat(json(status).path("labels").path("fnkit.mode").asText()).isEqualTo("http");

        HttpResponse<String> bad = Http.send(HttpRequest.newBuilder(gateway.url().resolve("/system/functions"))
                .header("authorization", "Bearer t").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"service\": \"odd\", \"envProcess\": \"cat\","
                        + " \"labels\": {\"fnkit.mode\": \"grpc\"}}")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown label fnkit.mode 'grpc'");
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.tree(response.body().getBytes(StandardCharsets.UTF_8));
    }
}
