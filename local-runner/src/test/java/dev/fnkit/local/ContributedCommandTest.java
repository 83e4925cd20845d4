package dev.fnkit.local;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ContributedCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return FnkitCli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void contributedCommandsRunAndAppearInTheUsage() {
        assertThat(run("shout", "hi")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("HI\n");
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\n  shout <word> [--fail]\n      Print the word in capitals.\n\n  help, --help");
    }

    @Test
    void wrongArgumentsExitWith2AndFailuresWith1() {
        assertThat(run("shout")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("fnkit shout: name one word\n")
                .contains("Usage: fnkit");
        err.reset();
        assertThat(run("shout", "x", "--fail")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("fnkit shout: asked to fail\n");
    }
}
