package dev.fnkit.selfhosted.worker;

import dev.fnkit.api.Context;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.Provider;
import dev.fnkit.api.TraceContext;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.InvocationContext;
import dev.fnkit.core.LineLogger;
import dev.fnkit.core.LogFormat;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The contexts of one instance: the gateway's request id and deadline, provider {@code SELF_HOSTED}, a text logger
 * on standard output carrying the request id and function name, and a cold start on the instance's first request.
 * Also used by the Kubernetes container entrypoint, which serves one function the same way.
 */
public final class WorkerContexts {
    private final PrintStream out;
    private final LineLogger.Level level = LineLogger.levelFromEnvironment();
    private final AtomicBoolean cold = new AtomicBoolean(true);

    /** Contexts whose loggers write to {@code out}. */
    public WorkerContexts(PrintStream out) {
        this.out = out;
    }

    /** The context of one request. */
    public Context create(FunctionDefinition function, HttpRequest request, String requestId, Instant deadline) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requestId", requestId);
        fields.put("function", function.name());
        return InvocationContext.builder()
                .requestId(requestId)
                .functionName(function.name())
                .deadline(deadline)
                .provider(Provider.SELF_HOSTED)
                .trace(TraceContext.parse(request.header("traceparent").orElse(null),
                        request.header("tracestate").orElse(null)).orElse(null))
                .coldStart(cold.getAndSet(false))
                .logger(new LineLogger(out, LogFormat.TEXT, level, fields))
                .nativeObject(request)
                .build();
    }
}
