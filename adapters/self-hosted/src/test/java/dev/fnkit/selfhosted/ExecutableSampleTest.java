package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fnkit serve} takes the non-Java sample {@code samples/exec-wordcount} (a shell and a Python function with
 * their {@code functions.json}) as it stands, alone or in a folder of apps, and serves it.
 */
class ExecutableSampleTest {
    private static final Path SAMPLE = Path.of("../../samples/exec-wordcount").toAbsolutePath().normalize();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @TempDir
    Path work;

    private Gateway gateway;

    @BeforeEach
    void start() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        gateway = Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken("t").prestartedWorkers(0)
                .out(quiet).log(quiet).start();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void servesTheSampleDirectoryAndInvokesTheShellAndPythonFunctions() throws Exception {
        ServeCommand.deploy(gateway, List.of(SAMPLE.toString()), new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(gateway.functions()).containsExactlyInAnyOrder("wordcount", "topwords");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("fnkit: deployed exec-wordcount.zip: wordcount,"
                + " topwords");

        HttpResponse<String> count = Http.post(gateway.url(), "/function/wordcount", "text/plain",
                "to be or not\nto be\n");
        assertThat(count.statusCode()).isEqualTo(200);
        assertThat(count.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode counts = Json.tree(count.body().getBytes(StandardCharsets.UTF_8));
        assertThat(counts.get("lines").asInt()).isEqualTo(2);
        assertThat(counts.get("words").asInt()).isEqualTo(6);
        assertThat(counts.get("bytes").asInt()).isEqualTo(19);
        assertThat(counts.get("method").asText()).isEqualTo("POST");

        HttpResponse<String> top = Http.post(gateway.url(), "/function/topwords?top=2", "text/plain",
                "the cat and the dog and the bird");
        assertThat(top.statusCode()).isEqualTo(200);
        JsonNode words = Json.tree(top.body().getBytes(StandardCharsets.UTF_8)).get("top");
        assertThat(words).hasSize(2);
        assertThat(words.get(0).get("word").asText()).isEqualTo("the");
        assertThat(words.get(0).get("count").asInt()).isEqualTo(3);
        assertThat(words.get(1).get("word").asText()).isEqualTo("and");
    }

    @Test
    void aFolderOfAppsMayHoldExecutableDirectories() throws Exception {
        Path samples = work.resolve("samples");
        copy(SAMPLE, samples.resolve("exec-wordcount"));
        Files.createDirectories(samples.resolve("notes"));

        ServeCommand.deploy(gateway, List.of(samples.toString()), new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(gateway.functions()).containsExactlyInAnyOrder("wordcount", "topwords");
        HttpResponse<String> count = Http.post(gateway.url(), "/function/wordcount", "text/plain", "one two");
        assertThat(count.statusCode()).isEqualTo(200);
        assertThat(Json.tree(count.body().getBytes(StandardCharsets.UTF_8)).get("words").asInt()).isEqualTo(2);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
