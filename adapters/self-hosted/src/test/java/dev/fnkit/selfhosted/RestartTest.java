package dev.fnkit.selfhosted;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** Deployments survive a restart; the admin token is generated once, owner-only; the CLI talks to the admin API. */
class RestartTest {
    @TempDir
    static Path work;

    @AfterAll
    static void noneLeft() {
        Children.assertNoneLeft();
    }

    private static Gateway start(Path data) {
        return Gateway.builder().port(0).dataDir(data).adminToken(null)
                .out(new PrintStream(OutputStream.nullOutputStream()))
                .log(new PrintStream(OutputStream.nullOutputStream())).start();
    }

    @Test
    void aRestartedGatewayServesWhatWasDeployed() throws Exception {
        Path data = work.resolve("data");
        Path bundle = TestApps.bundle(TestApps.sample("hello", work.resolve("apps")), work.resolve("bundles"));
        String token;
        try (Gateway first = start(data)) {
            first.deploy(bundle);
            assertThat(Http.get(first.url(), "/hello/One").body()).contains("Hello, One!");
            Path tokenFile = first.adminTokenFile().orElseThrow();
            assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            token = Files.readString(tokenFile).strip();
        }
        try (Gateway second = start(data)) {
            assertThat(second.functions()).containsExactly("hello");
            assertThat(Http.get(second.url(), "/hello/Two").body()).contains("Hello, Two!");
            assertThat(Files.readString(second.adminTokenFile().orElseThrow()).strip()).isEqualTo(token);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String gateway = second.url().toString();
            int status = new SelfHostedCommands.Functions().run(List.of("--url", gateway, "--data-dir",
                    data.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("NAME").contains("hello").contains("HTTP");

            status = new SelfHostedCommands.Scale().run(List.of("hello", "2", "--url", gateway, "--token", token),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(status).isZero();
            Children.await("hello has two ready instances", java.time.Duration.ofSeconds(60),
                    () -> second.pool("hello").orElseThrow().status().ready() == 2);

            status = new SelfHostedCommands.Scale().run(List.of("hello", "2", "--url", gateway, "--token", "wrong"),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(status).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("the gateway answered 401");
        }
    }
}
