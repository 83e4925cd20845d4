package dev.fnkit.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.TraceContext;

import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * An {@link ExecutionContext} as the worker gives one: a fresh invocation id, the Azure function name, a logger, and
 * the W3C trace context the host passes (an empty {@code traceparent} when there is none).
 */
final class EmulatedExecutionContext implements ExecutionContext {
    private final String invocationId = UUID.randomUUID().toString();
    private final String functionName;
    private final Logger logger;
    private final TraceContext trace;

    EmulatedExecutionContext(String functionName, String traceparent, String tracestate) {
        this.functionName = functionName;
        this.logger = Logger.getLogger("Host.Function." + functionName);
        String parent = traceparent == null ? "" : traceparent;
        String state = tracestate == null ? "" : tracestate;
        this.trace = new TraceContext() {
            @Override
            public String getTraceparent() {
                return parent;
            }

            @Override
            public String getTracestate() {
                return state;
            }

            @Override
            public Map<String, String> getAttributes() {
                return Map.of();
            }
        };
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public TraceContext getTraceContext() {
        return trace;
    }
}
