package dev.fnkit.local;

import dev.fnkit.api.Context;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.Provider;
import dev.fnkit.api.TraceContext;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.HttpDispatch;
import dev.fnkit.core.InvocationContext;
import dev.fnkit.core.LineLogger;
import dev.fnkit.core.LogFormat;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The contexts of one loaded app version: the request id from {@code X-Request-Id} (or a new UUID), the deadline
 * from the function's timeout, the trace from {@code traceparent}/{@code tracestate}, provider {@code LOCAL}, a
 * text logger carrying the request id and function name, and a cold start on the version's first invocation.
 */
final class LocalContexts implements HttpDispatch.ContextFactory {
    static final String REQUEST_ID_HEADER = "x-request-id";

    private final PrintStream out;
    private final Clock clock;
    private final AtomicBoolean cold = new AtomicBoolean(true);

    LocalContexts(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public Context create(FunctionDefinition function, HttpRequest request) {
        String requestId = requestId(request);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requestId", requestId);
        fields.put("function", function.name());
        return InvocationContext.builder()
                .requestId(requestId)
                .functionName(function.name())
                .deadline(clock.instant().plus(function.options().timeout()))
                .provider(Provider.LOCAL)
                .trace(TraceContext.parse(request.header("traceparent").orElse(null),
                        request.header("tracestate").orElse(null)).orElse(null))
                .coldStart(cold.getAndSet(false))
                .logger(new LineLogger(out, LogFormat.TEXT, LineLogger.levelFromEnvironment(), fields))
                .nativeObject(request)
                .build();
    }

    /** The request's {@code X-Request-Id}, or a new UUID when it has none. */
    static String requestId(HttpRequest request) {
        return request.header(REQUEST_ID_HEADER).map(String::strip).filter(id -> !id.isEmpty())
                .orElseGet(() -> UUID.randomUUID().toString());
    }
}
