package dev.fnkit.selfhosted;

import dev.fnkit.selfhosted.worker.InstanceProtocol;
import dev.fnkit.selfhosted.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker process loads the {@code FunctionApp} classes its bundle's manifest records by name
 * ({@code --app-classes}, which the gateway passes), and names a class that is not there.
 */
class WorkerAppClassesTest {
    @TempDir
    Path work;

    @Test
    void servesTheFunctionOfTheNamedAppClass() throws Exception {
        Process worker = start("testfns.TestFunctionsApp");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            InstanceProtocol.Endpoint endpoint = null;
            while (endpoint == null && (line = out.readLine()) != null) {
                endpoint = InstanceProtocol.parseReadyLine(line, "t0k3n");
            }
            assertThat(endpoint).as("the ready line").isNotNull();
            assertThat(endpoint.port()).isPositive();
        } finally {
            worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMissingAppClassEndsTheWorkerNamingIt() throws Exception {
        Process worker = start("testfns.Missing");
        try {
            String output = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(worker.exitValue()).isNotZero();
            assertThat(output).contains("testfns.Missing, which cannot be loaded");
        } finally {
            worker.destroyForcibly();
        }
    }

    private Process start(String appClasses) throws Exception {
        Path app = TestApps.testFunctions(work.resolve("apps"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Worker.class.getName(),
                "--function", "environment", "--ready-token", "t0k3n", "--app", app.toString(),
                "--app-classes", appClasses).redirectErrorStream(true).start();
    }
}
