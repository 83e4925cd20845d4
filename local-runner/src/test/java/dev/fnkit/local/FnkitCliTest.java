package dev.fnkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Application;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FnkitCliTest {
    private static LocalServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        server = LocalServer.builder().application("test", Application.of(new TestApp())).port(0)
                .out(quiet).log(quiet).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        TestApp.clear();
    }

    private int fnkit(String... args) {
        return FnkitCli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String firstErrorLine() {
        return err().lines().filter(line -> !line.startsWith("fnkit run: loading ")).findFirst().orElse("");
    }

    @Test
    void helpAndVersion() {
        assertThat(fnkit("--help")).isZero();
        assertThat(out()).contains("Usage: fnkit <command>", "run <app>...", "invoke <name>");
        out.reset();
        assertThat(fnkit("run", "--help")).isZero();
        assertThat(out()).contains("Usage: fnkit");
        out.reset();
        assertThat(fnkit("--version")).isZero();
        assertThat(out()).startsWith("fnkit ").doesNotContain("${");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(fnkit()).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("fnkit: name a command");
        assertThat(err()).contains("Usage: fnkit");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(fnkit("deploy")).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("fnkit: unknown command 'deploy'");
    }

    @Test
    void runArgumentErrors() {
        assertThat(fnkit("run")).isEqualTo(2);
        assertThat(firstErrorLine()).startsWith("fnkit run: name at least one app");
        err.reset();
        assertThat(fnkit("run", "app", "--port", "eighty")).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("fnkit run: --port needs a number from 0 to 65535, not 'eighty'");
        err.reset();
        assertThat(fnkit("run", "app", "--port=70000")).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("fnkit run: --port needs a number from 0 to 65535, not '70000'");
        err.reset();
        assertThat(fnkit("run", "app", "--max-body")).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("fnkit run: --max-body needs a value");
        err.reset();
        assertThat(fnkit("run", "app", "--schedules", "--schedules")).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("fnkit run: --schedules is given twice");
        err.reset();
        assertThat(fnkit("run", "app", "--watch")).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("fnkit run: unknown option --watch");
    }

    @Test
    void runFailsClearlyForAnAppThatDoesNotExist() {
        assertThat(fnkit("run", temp.resolve("missing").toString(), "--port", "0")).isEqualTo(1);
        assertThat(firstErrorLine()).startsWith("fnkit run: ").contains("missing", "does not exist");
    }

    @Test
    void runFailsClearlyWhenThePortIsTaken() throws Exception {
        Path classes = temp.resolve("classes");
        TestAppCompiler.compile(classes, Map.of("testapps.cli.App",
                TestAppCompiler.httpApp("testapps.cli", "App", "hello", "GET", "/hello"),
                "testapps.cli.Reply", TestAppCompiler.reply("testapps.cli", "hi")));
        TestAppCompiler.declare(classes, "testapps.cli.App");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(fnkit("run", classes.toString(), "--port", String.valueOf(taken.getLocalPort()))).isEqualTo(1);
        }
        assertThat(firstErrorLine()).startsWith("fnkit run: cannot listen on")
                .endsWith("choose another port with --port");
    }

    @Test
    void runPrintsEveryFunctionAndWhereItListens() throws Exception {
        Path classes = temp.resolve("classes");
        TestAppCompiler.compile(classes, Map.of("testapps.cli.App",
                TestAppCompiler.httpApp("testapps.cli", "App", "hello", "GET", "/hello/{name}"),
                "testapps.cli.Reply", TestAppCompiler.reply("testapps.cli", "hi")));
        TestAppCompiler.declare(classes, "testapps.cli.App");
        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (LocalServer started = RunCommand.start(RunCommand.parse(java.util.List.of(classes.toString(),
                "--port", "0")).log(printed), printed)) {
            assertThat(out().lines()).containsExactly(
                    "  hello  http  http GET /hello/{name}  GET " + started.url() + "/hello/{name}",
                    "fnkit local runner listening on " + started.url());
        }
    }

    @Test
    void runListsNonHttpFunctionsWithTheirPostUrl() {
        RunCommand.print(server.listing(), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out().lines()).anySatisfy(line -> assertThat(line)
                .matches("  greet +typed +invoke +POST " + server.url() + "/greet"));
        assertThat(out().lines()).anySatisfy(line -> assertThat(line)
                .matches("  tick +event +schedule \"\\* \\* \\* \\* \\*\" +POST " + server.url() + "/tick"));
    }

    @Test
    void everyCommandHasItsOwnHelpWithAnExample() {
        for (String command : List.of("new", "run", "invoke", "list", "doctor")) {
            out.reset();
            assertThat(fnkit(command, "--help")).isZero();
            assertThat(out().lines().findFirst()).hasValueSatisfying(first ->
                    assertThat(first).startsWith("Usage: fnkit " + command));
            assertThat(out()).contains("    Example:\n      fnkit " + command, "Exit status: 0 on success");
        }
        out.reset();
        assertThat(fnkit("--help")).isZero();
        assertThat(out()).contains("\n  new <name>", "\n  run <app>...", "\n  invoke <name>", "\n  list [--url URL]",
                "\n  doctor\n");
    }

    @Test
    void aUsageErrorShowsTheCommandsOwnUsage() {
        assertThat(fnkit("list", "extra")).isEqualTo(2);
        assertThat(err().lines()).first().isEqualTo("fnkit list: unexpected argument 'extra'");
        assertThat(err()).contains("Usage: fnkit list [--url URL] [--json]").doesNotContain("run <app>");
    }

    @Test
    void invokeWithJsonPrintsStatusHeadersAndTheBodyAsJson() {
        assertThat(fnkit("invoke", "greet", "--data", "{\"name\":\"Ada\"}", "--json", "--url",
                server.url().toString())).isZero();
        JsonNode json = Json.tree(out().getBytes(StandardCharsets.UTF_8));
        assertThat(json.path("status").asInt()).isEqualTo(200);
        assertThat(json.path("headers").path("content-type").get(0).asText()).startsWith("application/json");
        assertThat(json.path("body").path("greeting").asText()).isEqualTo("Hello, Ada!");
        assertThat(out().lines()).hasSize(1);
    }

    @Test
    void invokeWithJsonGivesATextBodyAsAStringAndFailuresStillExitWith1() {
        assertThat(fnkit("invoke", "only-get", "--json", "--url", server.url().toString())).isZero();
        assertThat(Json.tree(out().getBytes(StandardCharsets.UTF_8)).path("body").asText()).isEqualTo("got");
        out.reset();
        assertThat(fnkit("invoke", "greet", "--data", "{}", "--json", "--url", server.url().toString())).isEqualTo(1);
        JsonNode json = Json.tree(out().getBytes(StandardCharsets.UTF_8));
        assertThat(json.path("status").asInt()).isEqualTo(400);
        assertThat(json.path("body").path("code").asText()).isEqualTo("name-missing");
    }

    @Test
    void listPrintsTheRunnersFunctions() {
        assertThat(fnkit("list", "--url", server.url().toString())).isZero();
        assertThat(out().lines()).anySatisfy(line -> assertThat(line)
                .matches("  greet +typed +invoke +POST " + server.url() + "/greet"));
        out.reset();
        assertThat(fnkit("list", "--json", "--url", server.url().toString())).isZero();
        JsonNode functions = Json.tree(out().getBytes(StandardCharsets.UTF_8));
        assertThat(functions.isArray()).isTrue();
        assertThat(functions.findValuesAsText("name")).contains("greet", "only-get", "orders");
        assertThat(functions.get(0).has("urls")).isTrue();
    }

    @Test
    void listWhenNoRunnerListens() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        assertThat(fnkit("list", "--url", "http://localhost:" + port)).isEqualTo(1);
        assertThat(firstErrorLine()).startsWith("fnkit list: cannot reach the runner at http://localhost:" + port);
        err.reset();
        assertThat(fnkit("list", "--url", "ftp://x")).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("fnkit list: --url needs an http:// URL, not 'ftp://x'");
    }

    @Test
    void invokeArgumentErrors() {
        assertThat(fnkit("invoke")).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("fnkit invoke: name the function to invoke");
        err.reset();
        assertThat(fnkit("invoke", "greet", "extra")).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("fnkit invoke: unexpected argument 'extra'");
        err.reset();
        assertThat(fnkit("invoke", "greet", "--data", "{}", "--event", "e.json")).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("fnkit invoke: give --data or --event, not both");
        err.reset();
        assertThat(fnkit("invoke", "greet", "--url", "ftp://example")).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("fnkit invoke: --url needs an http:// URL, not 'ftp://example'");
        err.reset();
        assertThat(fnkit("invoke", "greet", "--event", temp.resolve("none.json").toString())).isEqualTo(2);
        assertThat(firstErrorLine()).startsWith("fnkit invoke: cannot read the event file");
        err.reset();
        assertThat(fnkit("invoke", "../etc")).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("fnkit invoke: '../etc' is not a function name");
    }

    @Test
    void invokeATypedFunctionWithData() {
        assertThat(fnkit("invoke", "greet", "--data", "{\"name\":\"Ada\"}", "--url", server.url().toString()))
                .isZero();
        assertThat(out()).isEqualTo("HTTP 200 OK\n{\"greeting\":\"Hello, Ada!\"}\n".replace("\n",
                System.lineSeparator()));
    }

    @Test
    void invokeAnHttpFunctionByName() {
        assertThat(fnkit("invoke", "only-get", "--url", server.url() + "/")).isZero();
        assertThat(out().lines()).containsExactly("HTTP 200 OK", "got");
    }

    @Test
    void invokeThatFailsExitsWith1AndPrintsTheProblem() {
        assertThat(fnkit("invoke", "greet", "--data", "{}", "--url", server.url().toString())).isEqualTo(1);
        assertThat(out().lines().findFirst()).contains("HTTP 400 Bad Request");
        assertThat(out()).contains("\"code\":\"name-missing\"");
        out.reset();
        assertThat(fnkit("invoke", "nope", "--url", server.url().toString())).isEqualTo(1);
        assertThat(out()).contains("HTTP 404 Not Found", "function-not-found");
    }

    @Test
    void invokeSendsAStructuredCloudEventFile() throws Exception {
        Path event = Files.writeString(temp.resolve("event.json"), """
                {"specversion":"1.0","id":"evt-cli","source":"/cli","type":"test.order","data":{"id":"o7"}}
                """);
        assertThat(fnkit("invoke", "orders", "--event", event.toString(), "--url", server.url().toString()))
                .isZero();
        assertThat(out().lines()).containsExactly("HTTP 204 No Content");
        assertThat(TestApp.ORDERS.poll()).satisfies(received -> {
            assertThat(received.id()).isEqualTo("evt-cli");
            assertThat(received.data().id()).isEqualTo("o7");
        });
    }

    @Test
    void invokeSendsAnEventFileWithoutSpecversionAsData() throws Exception {
        Path data = Files.writeString(temp.resolve("order.json"), "{\"id\":\"o8\"}");
        assertThat(fnkit("invoke", "orders", "--event", data.toString(), "--url", server.url().toString())).isZero();
        assertThat(TestApp.ORDERS.poll().data().id()).isEqualTo("o8");
    }

    @Test
    void invokeWhenNoRunnerListens() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        assertThat(fnkit("invoke", "greet", "--url", "http://localhost:" + port)).isEqualTo(1);
        assertThat(firstErrorLine()).startsWith("fnkit invoke: cannot reach the runner at http://localhost:" + port);
    }
}
