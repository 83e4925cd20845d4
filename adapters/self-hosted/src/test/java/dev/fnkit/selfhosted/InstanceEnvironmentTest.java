package dev.fnkit.selfhosted;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance's environment holds only what its function declares, the gateway's configured instance environment,
 * and the few variables every process needs; nothing else of the gateway's own environment (where its secrets
 * would be) reaches a function. Seen from inside: an executable function that prints its environment (which also
 * holds the call's own {@code Http_*} variables, set by the watchdog per call from the request).
 */
class InstanceEnvironmentTest {
    /** Variables an instance may see besides the declared and configured ones. */
    private static final Set<String> BASE = Set.of("PATH", "JAVA_HOME", "LANG", "LC_ALL", "TZ", "FNKIT_LOG_LEVEL",
            "HOME", "TMPDIR", "PWD", "SHLVL", "_", "OLDPWD");

    @TempDir
    static Path work;

    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        gateway = Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken("env-token")
                .prestartedWorkers(0).instanceEnvironment(Map.of("CONFIGURED", "by-the-operator"))
                .out(quiet).log(quiet).start();
        String manifest = "{\"format\": 1, \"app\": \"envapp\", \"version\": \"1\", \"appClasses\": [], \"functions\":"
                + " [{\"name\": \"env\", \"kind\": \"EXECUTABLE\", \"command\": [\"bin/env.sh\"], \"trigger\":"
                + " {\"type\": \"http\", \"routes\": []}, \"options\": {\"timeoutSeconds\": 30, \"memoryMb\": 128,"
                + " \"environment\": {\"DECLARED\": \"yes\"}}}]}";
        Path bundle = TestApps.zip(work.resolve("env.zip"), Map.of("functions.json",
                manifest.getBytes(StandardCharsets.UTF_8), "bin/env.sh",
                "#!/bin/sh\nenv\n".getBytes(StandardCharsets.UTF_8)));
        gateway.deploy(bundle);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        Children.assertNoneLeft();
    }

    @Test
    void instancesSeeOnlyDeclaredConfiguredAndBaseVariables() {
        var response = Http.post(gateway.url(), "/function/env", "text/plain", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Set<String> names = new HashSet<>();
        for (String line : response.body().split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                names.add(line.substring(0, equals));
            }
        }
        assertThat(response.body()).contains("DECLARED=yes").contains("CONFIGURED=by-the-operator");
        Set<String> unexpected = new HashSet<>(names);
        unexpected.removeAll(BASE);
        unexpected.removeAll(Set.of("DECLARED", "CONFIGURED"));
        unexpected.removeIf(name -> name.startsWith("Http_"));
        assertThat(unexpected).as("variables an instance should not see").isEmpty();
        Set<String> gatewayOnly = new HashSet<>(System.getenv().keySet());
        gatewayOnly.removeAll(BASE);
        assertThat(gatewayOnly).as("the gateway's own environment").isNotEmpty();
        assertThat(names).doesNotContainAnyElementsOf(gatewayOnly);
    }

    @Test
    void theInstanceDirectoryIsItsHome() throws Exception {
        var response = Http.post(gateway.url(), "/function/env", "text/plain", "");
        String home = response.body().lines().filter(l -> l.startsWith("HOME=")).findFirst().orElseThrow()
                .substring(5);
        assertThat(Path.of(home).getParent().getFileName())
                .hasToString(Long.toString(ProcessHandle.current().pid()));
        assertThat(Path.of(home).getParent().getParent().getFileName()).hasToString("instances");
        assertThat(Files.isDirectory(Path.of(home))).isTrue();
    }
}
