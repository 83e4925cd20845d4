package dev.fnkit.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shell blocks of the self-hosted page, in order, against one gateway that its first block starts, in a
 * {@link Terminal} whose working directory holds a copy of {@code samples/triggers}. {@code HOME} is a fresh
 * directory and {@code FNKIT_DATA_DIR} its {@code .fnkit}; the gateway listens on a free port instead of 8080
 * ({@code localhost:8080} rewritten, {@code fnkit serve} given {@code --port}, {@code FNKIT_URL} set). Each block
 * must exit with 0 and print what {@link #SHOWS} says; the trigger deliveries must reach the functions (the gateway's
 * access log) and the secret the function's instance directory.
 */
class SelfHostedPageIT {
    static final String PAGE = "targets/self-hosted.md";
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    /** What each block that is run prints, in page order. */
    private static final List<List<String>> SHOWS = List.of(
            List.of("fnkit gateway listening on"),
            List.of("\"path\":\"/echo/hi\"", "\"greeting\":\"Hello, Ada!\"", "greet",
                    "gateway_function_invocation_total{"),
            List.of("fnkit: deployed triggers revision", "\"name\":\"greet\""),
            List.of("greet"),
            List.of("HTTP/1.1 202", "x-call-id:", "[]"),
            List.of("\"callIds\""),
            List.of("\"revision\"", " 401\n", "\"key\":\"fnk_", "\"greeting\":\"Hello, Ada!\""),
            List.of("\"name\":\"db-password\"", "\"greet\""),
            List.of("\"stream\":\"access\""));

    @Test
    void thePagesCommandsWork() throws Exception {
        Path work = Path.of("target", "docs-it", UUID.randomUUID().toString()).toAbsolutePath();
        Path checkout = Files.createDirectories(work.resolve("checkout"));
        Terminal.copySample("triggers", checkout);
        Path home = Files.createDirectories(work.resolve("home"));
        Path dataDir = home.resolve(".fnkit");
        int port = Terminal.freePort();
        List<DocBlocks.Block> run = new ArrayList<>();
        for (DocBlocks.Block block : DocBlocks.of(PAGE)) {
            if (block.lang().equals("sh") && !block.is("skip")) {
                run.add(block);
            }
        }
        assertThat(run).as("the blocks this test runs").hasSameSizeAs(SHOWS);
        try (Terminal terminal = new Terminal(work, checkout, Map.of("HOME", home.toString(),
                "FNKIT_DATA_DIR", dataDir.toString(), "FNKIT_URL", "http://localhost:" + port,
                "MAVEN_USER_HOME", Path.of(System.getProperty("user.home"), ".m2").toString()))) {
            for (int i = 0; i < run.size(); i++) {
                DocBlocks.Block block = run.get(i);
                String text = block.text().replace("localhost:8080", "localhost:" + port)
                        .replaceAll("(?m)^fnkit serve ", "fnkit serve --port " + port + " ");
                String output;
                if (block.is("background")) {
                    terminal.background(block, text, block.argument(), START);
                    output = terminal.backgroundOutput();
                } else if (block.is("until")) {
                    output = terminal.until(block, text, block.argument(), DELIVERY);
                } else {
                    output = terminal.run(block, text);
                }
                assertThat(output.replace("\": ", "\":").toLowerCase(Locale.ROOT)).as(block + " printed")
                        .contains(SHOWS.get(i).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
                if (text.contains("/queue/orders-queue")) {
                    for (String function : List.of("orders", "audit", "clicks", "inventory", "uploads")) {
                        awaitAccessLine(terminal, function);
                    }
                } else if (text.contains("gateway.greet.secrets=db-password")) {
                    terminal.run(block, "curl -sf -H 'content-type: application/json' -d '{\"name\":\"Bob\"}'"
                            + " localhost:" + port + "/function/greet");
                    assertThat(secretCopies(instanceRoots(dataDir))).as("the secret in greet's instance")
                            .isNotEmpty();
                }
            }
        }
    }

    private static void awaitAccessLine(Terminal terminal, String function) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        String line = "\"function\":\"" + function + "\"";
        while (!terminal.backgroundOutput().contains(line)) {
            assertThat(System.nanoTime()).as("an access-log line of " + function + " within " + DELIVERY)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /**
     * Where the gateway makes instance directories: under its data directory, or, when instances run as their own
     * users (the gateway runs as root), under {@code <tmp>/fnkit-instances-<digest of the data directory>}.
     */
    private static List<Path> instanceRoots(Path dataDir) throws IOException {
        List<Path> roots = new ArrayList<>(List.of(dataDir.resolve("instances")));
        try (Stream<Path> isolated = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            isolated.filter(p -> p.getFileName().toString().startsWith("fnkit-instances-")).forEach(roots::add);
        }
        return roots;
    }

    /** The copies of {@code db-password} holding its value under the instances' directories. */
    private static List<Path> secretCopies(List<Path> roots) throws IOException {
        List<Path> copies = new ArrayList<>();
        for (Path root : roots) {
            try {
                if (Files.isDirectory(root)) {
                    copies.addAll(secretCopies(root));
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // another gateway's instance directory, gone while it was read
            }
        }
        return copies;
    }

    private static List<Path> secretCopies(Path instances) throws IOException {
        try (Stream<Path> files = Files.walk(instances)) {
            return files.filter(f -> f.getFileName().toString().equals("db-password")).filter(f -> {
                try {
                    return Files.readString(f, StandardCharsets.UTF_8).equals("s3cret");
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }
}
