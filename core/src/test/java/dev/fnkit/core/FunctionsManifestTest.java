package dev.fnkit.core;

import dev.fnkit.api.FunctionOptions;
import dev.fnkit.api.RetryPolicy;
import dev.fnkit.api.Route;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.Trigger;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionsManifestTest {
    private static final FunctionOptions OPTIONS = new FunctionOptions(Duration.ofMillis(1500), 256, 1, 4, 8,
            Map.of("A", "b"), new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(30)));

    @Test
    void everyTriggerOptionsAndAnExecutableRoundTrip() throws Exception {
        List<Trigger> triggers = List.of(new Trigger.Http(List.of(new Route("GET", "/web/{id}"))),
                new Trigger.Invoke(), new Trigger.Queue("q", 10), new Trigger.Topic("t"),
                Trigger.storage("b", StorageChange.CREATED), Trigger.schedule("0 2 * * *"),
                new Trigger.Stream("s", 50), new Trigger.Change("c", 20));
        List<FunctionsManifest.Function> functions = new java.util.ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            functions.add(FunctionsManifest.Function.of("f" + i, FunctionKind.EVENT, triggers.get(i), "x.Data",
                    OPTIONS));
        }
        functions.add(FunctionsManifest.Function.executable("shout", List.of("handler.sh", "-v"),
                new Trigger.Http(List.of()), FunctionOptions.DEFAULTS));
        functions.add(FunctionsManifest.Function.executable("server", List.of("server.py"),
                new Trigger.Http(List.of()), FunctionOptions.DEFAULTS).httpServer("/healthz"));

        FunctionsManifest read = FunctionsManifest.parse(FunctionsManifest.of("shop", "1", List.of("A"), functions)
                .toJson());

        assertThat(read.functions().subList(0, triggers.size())).extracting(f -> f.trigger().toTrigger())
                .isEqualTo(triggers);
        FunctionOptions options = read.function("f0").options().toFunctionOptions();
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.environment()).isEqualTo(Map.of("A", "b"));
        assertThat(options.retry()).isEqualTo(OPTIONS.retry());
        FunctionsManifest.Function shout = read.function("shout");
        assertThat(shout.executable()).isTrue();
        assertThat(shout.functionKind()).isEqualTo(FunctionKind.HTTP);
        assertThat(shout.commandLine()).containsExactly("handler.sh", "-v");
        assertThat(shout.httpMode()).isFalse();
        assertThat(read.function("server").httpMode()).isTrue();
        assertThat(read.function("server").healthPath()).isEqualTo("/healthz");
        assertThat(read.function("f0").command()).isNull();
        assertThat(new String(read.toJson(), StandardCharsets.UTF_8)).doesNotContain("null");
    }

    @Test
    void theExecTemplatesShapeReadsWithDefaultsForWhatItLeavesOut() throws Exception {
        FunctionsManifest read = FunctionsManifest.parse("""
                {"format": 1, "app": "shout", "version": "0.1.0", "appClasses": [],
                 "functions": [
                   {"name": "shout", "kind": "EXECUTABLE", "command": ["handler.sh"],
                    "trigger": {"type": "http", "routes": []},
                    "options": {"timeoutSeconds": 30, "memoryMb": 128, "maxInstances": 10, "environment": {}}},
                   {"name": "bare", "kind": "EXECUTABLE", "command": ["run"]},
                   {"name": "web", "kind": "HTTP", "trigger": {"type": "http", "routes": [{"template": "/web"}]}}]}
                """.getBytes(StandardCharsets.UTF_8));
        FunctionOptions shout = read.function("shout").options().toFunctionOptions();
        assertThat(List.of(shout.memoryMb(), shout.maxInstances(), shout.minInstances())).containsExactly(128, 10, 0);
        FunctionsManifest.Function bare = read.function("bare");
        assertThat(bare.trigger().toTrigger()).isEqualTo(new Trigger.Http(List.of()));
        assertThat(bare.options().toFunctionOptions()).isEqualTo(FunctionOptions.DEFAULTS);
        assertThat(read.function("web").trigger().toTrigger()).isEqualTo(new Trigger.Http(List.of(
                new Route("*", "/web"))));
    }

    @Test
    void theFirstProblemIsNamed() {
        assertThatThrownBy(() -> parse("{\"format\": 2}"))
                .hasMessage("functions.json has format 2; this fnkit reads format 1");
        assertThatThrownBy(() -> parse("{\"format\": 1, \"functions\": [{\"name\": \"f\", \"kind\": \"GRPC\"}]}"))
                .hasMessage("function 'f' has unknown kind 'GRPC'; known kinds are HTTP, TYPED, EVENT, BATCH and"
                        + " EXECUTABLE");
        assertThatThrownBy(() -> parse("{\"format\": 1, \"functions\": [{\"name\": \"f\", \"kind\": \"EXECUTABLE\"}]}"))
                .hasMessage("function 'f' is EXECUTABLE but has no \"command\" array");
        assertThatThrownBy(() -> parse("{\"format\": 1, \"functions\": [{\"name\": \"f\", \"kind\": \"EXECUTABLE\","
                + " \"command\": [\"x\"], \"trigger\": {\"type\": \"topic\", \"topic\": \"t\"}}]}"))
                .hasMessage("function 'f' is EXECUTABLE; only an http trigger fits it");
        assertThatThrownBy(() -> parse("{\"format\": 1, \"functions\": [{\"name\": \"f\", \"kind\": \"EXECUTABLE\","
                + " \"command\": [\"x\"], \"mode\": \"grpc\"}]}"))
                .hasMessage("function 'f' has unknown mode 'grpc'; the modes are per-request and http");
        assertThatThrownBy(() -> parse("{\"format\": 1, \"functions\": [{\"name\": \"f\", \"kind\": \"HTTP\","
                + " \"mode\": \"http\", \"trigger\": {\"type\": \"http\"}}]}"))
                .hasMessage("function 'f' has a \"mode\", which only an EXECUTABLE function has");
        assertThatThrownBy(() -> parse("{\"format\": 1, \"functions\": [{\"name\": \"f\", \"kind\": \"EXECUTABLE\","
                + " \"command\": [\"x\"], \"healthPath\": \"/up\"}]}"))
                .hasMessageStartingWith("function 'f' has \"healthPath\" '/up'; it must start with / and needs");
        assertThatThrownBy(() -> parse("{\"format\": 1, \"functions\": [{\"name\": \"f\", \"kind\": \"HTTP\","
                + " \"trigger\": {\"type\": \"carrier-pigeon\"}}]}"))
                .hasMessage("function 'f' has unknown trigger type 'carrier-pigeon'");
        assertThatThrownBy(() -> parse("{\"format\": 1, \"functions\": [{\"name\": \"f\", \"kind\": \"HTTP\","
                + " \"trigger\": {\"type\": \"http\"}, \"options\": {\"memoryMb\": 1}}]}"))
                .hasMessageStartingWith("function 'f' has invalid options: memoryMb must be at least 128");
        assertThatThrownBy(() -> parse("{\"format\": 1, \"functions\": [{\"name\": \"f\", \"kind\": \"HTTP\","
                + " \"trigger\": {\"type\": \"http\"}}, {\"name\": \"f\", \"kind\": \"HTTP\","
                + " \"trigger\": {\"type\": \"http\"}}]}"))
                .hasMessage("functions.json declares function 'f' twice");
    }

    private static FunctionsManifest parse(String json) throws Exception {
        return FunctionsManifest.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
