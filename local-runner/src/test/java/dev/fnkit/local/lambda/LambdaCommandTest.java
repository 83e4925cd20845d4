package dev.fnkit.local.lambda;

import dev.fnkit.local.UsageException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws UsageException {
        return new LambdaCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void wrongArgumentsAreUsageErrors() {
        assertThatThrownBy(() -> run("--port")).isInstanceOf(UsageException.class)
                .hasMessage("fnkit lambda: --port needs a value");
        assertThatThrownBy(() -> run("--bogus")).hasMessage("fnkit lambda: unknown option '--bogus'");
        assertThatThrownBy(() -> run("--port", "70000")).hasMessage("fnkit lambda: --port must be 0 to 65535");
    }

    @Test
    void theRuntimeCommandGetsTheRuntimeApiAndItsExitStatusIsTheCommands() throws UsageException {
        int status = run("--port", "0", "--function", "orders", "--timeout", "1.5", "--", "sh", "-c",
                "case \"$AWS_LAMBDA_RUNTIME_API:$AWS_LAMBDA_FUNCTION_NAME\" in 127.0.0.1:*:orders) exit 7;; esac;"
                        + " exit 1");
        assertThat(status).isEqualTo(7);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("function 'orders' (timeout 1.5 s)")
                .contains("AWS_LAMBDA_RUNTIME_API=127.0.0.1:")
                .contains("/2015-03-31/functions/function/invocations");
    }
}
