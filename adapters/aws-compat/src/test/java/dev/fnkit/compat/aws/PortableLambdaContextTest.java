package dev.fnkit.compat.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.fnkit.api.Provider;
import dev.fnkit.api.TraceContext;
import dev.fnkit.core.InvocationContext;
import dev.fnkit.core.LineLogger;
import dev.fnkit.core.LogFormat;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PortableLambdaContextTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private InvocationContext.Builder fnkit() {
        LogFormat levelAndMessage = (time, level, message, error, fields) -> level + " " + message;
        return InvocationContext.builder().requestId("req-1").functionName("orders-api")
                .deadline(Instant.now().plusSeconds(5)).provider(Provider.AZURE_FUNCTIONS).coldStart(false)
                .logger(new LineLogger(new PrintStream(log, true, StandardCharsets.UTF_8), levelAndMessage,
                        LineLogger.Level.DEBUG, Map.of()));
    }

    @Test
    void isBuiltFromFnkitsContext() {
        Declared declared = new Declared();
        declared.memoryMb(2048);
        Context lambda = PortableLambdaContext.of(fnkit().trace(new TraceContext(
                "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, null)).build(), declared);
        assertThat(lambda.getAwsRequestId()).isEqualTo("req-1");
        assertThat(lambda.getFunctionName()).isEqualTo("orders-api");
        assertThat(lambda.getInvokedFunctionArn()).startsWith("arn:aws:lambda:").endsWith(":function:orders-api");
        assertThat(lambda.getMemoryLimitInMB()).isEqualTo(2048);
        assertThat(lambda.getRemainingTimeInMillis()).isBetween(1, 5000);
        assertThat(lambda.getXrayTraceId())
                .isEqualTo("Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=00f067aa0ba902b7;Sampled=1");
        lambda.getLogger().log("plain line\n");
        lambda.getLogger().log("careful", LogLevel.WARN);
        lambda.getLogger().log("broken".getBytes(), LogLevel.FATAL);
        assertThat(log.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("INFO plain line", "WARN careful", "ERROR broken");
    }

    @Test
    void thePlatformsOwnLambdaContextWins() {
        Context real = PortableLambdaContext.of(fnkit().build(), new Declared());
        Context passed = PortableLambdaContext.of(fnkit().nativeObject(real).build(), new Declared());
        assertThat(passed).isSameAs(real);
        assertThat(real.getXrayTraceId()).isNull();
    }
}
