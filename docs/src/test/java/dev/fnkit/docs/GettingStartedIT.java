package dev.fnkit.docs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the shell blocks of the getting-started page and the target pages, in order, as a reader would: in a fresh
 * directory, with {@code fnkit} (this build's CLI) and {@code mvn} (the repository's Maven wrapper) on the
 * {@code PATH}, and every nested Maven build reading this build's fnkit artifacts from a repository laid out by the
 * build ({@code MAVEN_ARGS} sets {@code maven.repo.local}; the usual local repository is its read-only tail). Each
 * block must exit with 0; a block's {@code cd} carries over to the next, except in a background block. Java blocks
 * marked {@code file PATH} must equal that file of the generated project.
 */
class GettingStartedIT {
    private static final int PORT = 8080;

    private Process background;

    @AfterEach
    void stopBackground() {
        stop();
    }

    @Test
    void thePagesCommandsWork() throws Exception {
        assumeTrue(portFree(), "port " + PORT + " is in use, and the pages' commands use it");
        Path work = Path.of("target", "docs-it", UUID.randomUUID().toString()).toAbsolutePath();
        Path bin = Files.createDirectories(work.resolve("bin"));
        script(bin.resolve("fnkit"), "exec '" + javaBin() + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.fnkit.local.FnkitCli \"$@\"");
        script(bin.resolve("mvn"), "exec '" + mavenWrapper() + "' \"$@\"");
        Map<String, String> env = Map.of(
                "PATH", bin + File.pathSeparator + System.getenv().getOrDefault("PATH", ""),
                "MAVEN_ARGS", "-B -ntp -Dmaven.repo.local=" + System.getProperty("fnkit.it.repository")
                        + " -Dmaven.repo.local.tail=" + System.getProperty("fnkit.local.repository"));
        Path cwd = Files.createDirectories(work.resolve("reader"));
        Path cwdFile = work.resolve("cwd");
        int ran = 0;
        for (String page : DocBlocks.RUN_PAGES) {
            for (DocBlocks.Block block : DocBlocks.of(page)) {
                if (block.lang().equals("java") && block.is("file")) {
                    assertThat(Files.readString(cwd.resolve(block.argument()))).as(block + " shows " + block.argument())
                            .isEqualTo(block.text());
                } else if (block.lang().equals("sh") && block.is("background")) {
                    stop();
                    background = start(env, cwd, "cd \"$0\"\n" + block.text(), block);
                    await(block);
                    ran++;
                } else if (block.lang().equals("sh") && !block.is("skip")) {
                    Process process = start(env, cwd, "cd \"$0\"\n" + block.text() + "\npwd > '" + cwdFile + "'",
                            block);
                    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    System.out.println(output);
                    assertThat(process.waitFor()).as(block + " exits with 0; it printed:\n" + output).isZero();
                    cwd = Path.of(Files.readString(cwdFile).strip());
                    ran++;
                }
            }
        }
        assertThat(ran).isGreaterThanOrEqualTo(10);
    }

    private static Process start(Map<String, String> env, Path cwd, String script, DocBlocks.Block block)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script, cwd.toString())
                .directory(cwd.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        System.out.println("== " + block + "\n" + block.text());
        return builder.start();
    }

    /** Reads the background block's output until it shows the marker's text. */
    private void await(DocBlocks.Block block) throws IOException {
        StringBuilder seen = new StringBuilder();
        BufferedReader lines = new BufferedReader(new InputStreamReader(background.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains(block.argument())) {
                Thread drain = new Thread(() -> drain(lines), "docs-background-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new AssertionError(block + " ended before printing '" + block.argument() + "':\n" + seen);
    }

    private static void drain(BufferedReader lines) {
        try {
            while (lines.readLine() != null) {
                // keeps the process from blocking on a full pipe
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    private void stop() {
        if (background != null) {
            background.descendants().forEach(ProcessHandle::destroy);
            background.destroy();
            background.onExit().join();
            background = null;
        }
    }

    private static void script(Path file, String command) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + command + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The nearest Maven wrapper at or above the docs directory. */
    private static Path mavenWrapper() {
        for (Path dir = DocBlocks.docs(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("mvnw"))) {
                return dir.resolve("mvnw");
            }
        }
        throw new IllegalStateException("no mvnw at or above " + DocBlocks.docs());
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
