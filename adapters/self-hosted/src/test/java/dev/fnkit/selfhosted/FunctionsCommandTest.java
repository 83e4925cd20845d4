package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fnkit functions} (a table, {@code --json}) and {@code fnkit deploy}, against a gateway serving the executable sample. */
class FunctionsCommandTest {
    private static final Path SAMPLE = Path.of("../../samples/exec-wordcount").toAbsolutePath().normalize();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path work;

    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        gateway = Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken("t").prestartedWorkers(0)
                .out(quiet).log(quiet).start();
        ServeCommand.deploy(gateway, List.of(SAMPLE.toString()), quiet);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void jsonPrintsTheAdminApisListForScripts() throws Exception {
        int status = functions("--url", gateway.url().toString(), "--token", "t", "--json");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode list = Json.tree(out.toByteArray());
        assertThat(list.isArray()).isTrue();
        assertThat(list.findValuesAsText("name")).contains("wordcount", "topwords");
        assertThat(list.get(0).path("fnkit").path("kind").asText()).isNotEmpty();
    }

    @Test
    void withoutJsonItPrintsATable() throws Exception {
        int status = functions("--url", gateway.url().toString(), "--token", "t");

        assertThat(status).isZero();
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).startsWith("NAME").contains("wordcount", "topwords");
    }

    @Test
    void aWrongTokenExitsWithOne() throws Exception {
        int status = functions("--url", gateway.url().toString(), "--token", "wrong", "--json");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("fnkit: the gateway answered 401");
    }

    @Test
    void deployShowsTheUploadThenTheRevision() throws Exception {
        Path bundle = ExecutableBundles.zip(SAMPLE, work);

        int status = new SelfHostedCommands.Deploy().run(List.of("--url", gateway.url().toString(), "--token", "t",
                bundle.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .matches("(?s)fnkit deploy: uploading exec-wordcount\\.zip \\([0-9,]+ KiB\\) to http://\\S+\\R");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .matches("(?s)fnkit: deployed exec-wordcount revision 2: .*wordcount.* in [0-9.]+ s\\R");
    }

    private int functions(String... args) throws Exception {
        return new SelfHostedCommands.Functions().run(List.of(args), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
