package dev.fnkit.core;

import dev.fnkit.api.Provider;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Contexts for tests whose log lines can be read back. */
final class TestContexts {
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    InvocationContext create(FunctionDefinition function) {
        return InvocationContext.builder().requestId("req-1").functionName(function.name())
                .deadline(Instant.now().plusSeconds(30)).provider(Provider.LOCAL).coldStart(false)
                .logger(new LineLogger(new PrintStream(log, true, StandardCharsets.UTF_8), LogFormat.TEXT,
                        LineLogger.Level.DEBUG, Map.of("requestId", "req-1", "function", function.name())))
                .build();
    }

    String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }
}
