package dev.fnkit.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs README's "Try the samples" block against {@code fnkit serve samples} in a {@link Terminal} whose working
 * directory holds copies of the two samples the block calls ({@code hello} and {@code triggers}): the gateway on a
 * free port ({@code localhost:8080} rewritten), {@code ./fnkit} as the {@code fnkit} on the terminal's path, and
 * {@code HOME} a fresh directory. Every command must succeed and print what the block's comments say.
 */
class ReadmeSamplesIT {
    static final String PAGE = "../README.md";
    private static final Duration START = Duration.ofMinutes(3);

    @Test
    void theSamplesBlockWorksAgainstFnkitServe() throws Exception {
        Path work = Path.of("target", "docs-it", UUID.randomUUID().toString()).toAbsolutePath();
        Path checkout = Files.createDirectories(work.resolve("checkout"));
        Terminal.copySample("hello", checkout);
        Terminal.copySample("triggers", checkout);
        Path home = Files.createDirectories(work.resolve("home"));
        int port = Terminal.freePort();
        List<DocBlocks.Block> blocks = DocBlocks.of(PAGE).stream()
                .filter(block -> block.lang().equals("sh") && block.text().contains("localhost:8080/hello/Ada"))
                .toList();
        assertThat(blocks).as("README's samples block").hasSize(1);
        DocBlocks.Block block = blocks.get(0);
        try (Terminal terminal = new Terminal(work, checkout, Map.of("HOME", home.toString(),
                "FNKIT_DATA_DIR", home.resolve(".fnkit").toString(), "FNKIT_URL", "http://localhost:" + port,
                "MAVEN_USER_HOME", Path.of(System.getProperty("user.home"), ".m2").toString()))) {
            terminal.background(block, "fnkit serve samples --port " + port, "fnkit gateway listening on", START);
            String output = terminal.run(block, block.text().replace("localhost:8080", "localhost:" + port)
                    .replace("./fnkit ", "fnkit "));
            assertThat(output.replace("\": ", "\":")).contains("{\"message\":\"Hello, Ada!\"}",
                    "{\"message\":\"Hello, Grace!\"}", "\"greeting\":\"Hello, Ada!\"", "{\"failedItemIds\":[\"",
                    "HTTP/1.1 200", "\"cookies\"", "gateway_function_invocation_total{", "hello", "orders");
        }
    }
}
