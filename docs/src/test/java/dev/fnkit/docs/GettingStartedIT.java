package dev.fnkit.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the shell blocks of the getting-started page and the target pages, in order, as a reader would, in a
 * {@link Terminal} that starts in a fresh directory; the self-hosted runtime's data directory
 * ({@code FNKIT_DATA_DIR}) is a fresh one too. Each block must exit with 0; a background block keeps running until
 * the next one starts. Java blocks marked {@code file PATH} must equal that file of the generated project.
 */
class GettingStartedIT {
    private static final int PORT = 8080;
    private static final Duration START = Duration.ofMinutes(3);

    @Test
    void thePagesCommandsWork() throws Exception {
        assumeTrue(portFree(), "port " + PORT + " is in use, and the pages' commands use it");
        Path work = Path.of("target", "docs-it", UUID.randomUUID().toString()).toAbsolutePath();
        Path reader = Files.createDirectories(work.resolve("reader"));
        int ran = 0;
        try (Terminal terminal = new Terminal(work, reader, Map.of("FNKIT_DATA_DIR",
                work.resolve("fnkit-data").toString()))) {
            for (String page : DocBlocks.RUN_PAGES) {
                for (DocBlocks.Block block : DocBlocks.of(page)) {
                    if (block.lang().equals("java") && block.is("file")) {
                        assertThat(Files.readString(terminal.cwd().resolve(block.argument())))
                                .as(block + " shows " + block.argument()).isEqualTo(block.text());
                    } else if (block.lang().equals("sh") && block.is("background")) {
                        terminal.background(block, block.text(), block.argument(), START);
                        ran++;
                    } else if (block.lang().equals("sh") && !block.is("skip")) {
                        terminal.run(block, block.text());
                        ran++;
                    }
                }
            }
        }
        assertThat(ran).isGreaterThanOrEqualTo(12);
    }

    private static boolean portFree() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(PORT));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
