package dev.fnkit.gcp;

import dev.fnkit.api.Headers;
import dev.fnkit.api.Provider;
import dev.fnkit.core.InvocationContext;
import dev.fnkit.core.LineLogger;
import dev.fnkit.core.RandomIds;
import io.cloudevents.CloudEvent;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link dev.fnkit.api.Context} of each invocation: request id, deadline from the declared timeout, trace,
 * cold-start flag, the native objects for {@code unwrap}, and a logger writing Cloud Logging's structured JSON lines
 * to stdout with the trace attached.
 */
final class GcpContexts {
    static final String EXECUTION_ID_HEADER = "function-execution-id";

    private final GcpRuntime runtime;
    private final PrintStream out;

    GcpContexts(GcpRuntime runtime, PrintStream out) {
        this.runtime = runtime;
        this.out = out;
    }

    /**
     * The context of an HTTP request. The request id is the {@code Function-Execution-Id} header, else the trace id,
     * else a random UUID.
     */
    InvocationContext http(Headers headers, Object... natives) {
        CloudTrace trace = CloudTrace.fromHeaders(headers);
        List<String> executionId = headers.all(EXECUTION_ID_HEADER);
        String requestId = !executionId.isEmpty() && !executionId.get(0).isBlank() ? executionId.get(0)
                : trace != null ? trace.traceId() : RandomIds.uuid();
        return build(requestId, trace, natives);
    }

    /** The context of a CloudEvent: the request id is the event id, the trace its {@code traceparent} extension. */
    InvocationContext event(CloudEvent event) {
        Object traceparent = event.getExtension("traceparent");
        Object tracestate = event.getExtension("tracestate");
        CloudTrace trace = traceparent == null ? null : CloudTrace.fromTraceparent(traceparent.toString(),
                tracestate == null ? null : tracestate.toString());
        return build(event.getId(), trace, event);
    }

    private InvocationContext build(String requestId, CloudTrace trace, Object... natives) {
        String function = runtime.function().name();
        InvocationContext.Builder builder = InvocationContext.builder()
                .requestId(requestId)
                .functionName(function)
                .deadline(Instant.now().plus(runtime.function().options().timeout()))
                .provider(Provider.GOOGLE_CLOUD_FUNCTIONS)
                .coldStart(runtime.claimColdStart())
                .logger(new LazyLogger(() -> new LineLogger(out, CloudLogFormat.INSTANCE, runtime.logLevel(),
                        logFields(requestId, function, trace))));
        if (trace != null) {
            builder.trace(trace.context());
        }
        for (Object nativeObject : natives) {
            builder.nativeObject(nativeObject);
        }
        return builder.build();
    }

    private Map<String, Object> logFields(String requestId, String function, CloudTrace trace) {
        Map<String, Object> fields = new LinkedHashMap<>(8);
        if (trace != null) {
            String resource = trace.resourceName(runtime.project());
            if (resource != null) {
                fields.put(CloudLogFormat.TRACE, resource);
                if (trace.spanId() != null) {
                    fields.put(CloudLogFormat.SPAN_ID, trace.spanId());
                }
                fields.put(CloudLogFormat.TRACE_SAMPLED, trace.sampled());
            }
        }
        fields.put("requestId", requestId);
        fields.put("function", function);
        return fields;
    }
}
