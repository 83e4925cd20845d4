package dev.fnkit.azure;

import com.microsoft.azure.functions.ExecutionContext;
import dev.fnkit.api.Provider;
import dev.fnkit.api.TraceContext;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.InvocationContext;
import dev.fnkit.core.RandomIds;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Builds the {@link dev.fnkit.api.Context} of an invocation from the worker's {@link ExecutionContext}: the request id
 * is the invocation id, the trace is the W3C trace context the host passes, the logger writes through the
 * execution context's logger, and {@code unwrap(ExecutionContext.class)} returns the native context.
 *
 * <p>Deadline: the host enforces one {@code functionTimeout} for the whole app (the packager writes the longest
 * declared timeout), so each function's own declared timeout is never later than the host's; HTTP functions are
 * also bounded by the 230 seconds Azure's front end waits for a response.
 */
final class AzureContexts {
    static final Duration HTTP_RESPONSE_LIMIT = Duration.ofSeconds(230);

    private AzureContexts() {
    }

    static InvocationContext create(AzureRuntime runtime, FunctionDefinition function, ExecutionContext execution,
                                    boolean http, Object... natives) {
        String requestId = execution.getInvocationId();
        if (requestId == null || requestId.isBlank()) {
            requestId = RandomIds.uuid();
        }
        Duration budget = function.options().timeout();
        if (http && budget.compareTo(HTTP_RESPONSE_LIMIT) > 0) {
            budget = HTTP_RESPONSE_LIMIT;
        }
        Map<String, Object> fields = new LinkedHashMap<>(4);
        fields.put("requestId", requestId);
        fields.put("function", function.name());
        Logger logger = execution.getLogger() != null ? execution.getLogger()
                : Logger.getLogger("fnkit." + function.name());
        InvocationContext.Builder builder = InvocationContext.builder()
                .requestId(requestId)
                .functionName(function.name())
                .deadline(Instant.now().plus(budget))
                .provider(Provider.AZURE_FUNCTIONS)
                .coldStart(runtime.claimColdStart())
                .logger(new AzureLogger(logger, runtime.logLevel(), fields))
                .trace(trace(execution))
                .nativeObject(execution);
        for (Object nativeObject : natives) {
            builder.nativeObject(nativeObject);
        }
        return builder.build();
    }

    private static TraceContext trace(ExecutionContext execution) {
        com.microsoft.azure.functions.TraceContext trace = execution.getTraceContext();
        if (trace == null) {
            return null;
        }
        String state = trace.getTracestate();
        return TraceContext.parse(trace.getTraceparent(), state == null || state.isBlank() ? null : state)
                .orElse(null);
    }
}
