package dev.fnkit.aws;

import com.amazonaws.services.lambda.runtime.Context;
import dev.fnkit.api.Provider;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.InvocationContext;
import dev.fnkit.core.RandomIds;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Builds the portable context of an invocation from Lambda's: the Lambda request id, the deadline (now plus the
 * remaining time), the X-Ray trace as W3C trace context, the cold-start flag (the first invocation of this execution
 * environment, or the first after a SnapStart restore), a logger carrying the request id, and the Lambda context
 * itself for {@code unwrap(com.amazonaws.services.lambda.runtime.Context.class)}.
 */
final class LambdaContexts {
    private final FunctionDefinition function;
    private final LambdaLogs logs;
    private final AtomicBoolean cold = new AtomicBoolean(true);

    LambdaContexts(FunctionDefinition function, LambdaLogs logs) {
        this.function = function;
        this.logs = logs;
    }

    InvocationContext create(Context lambda) {
        return create(lambda, null, null);
    }

    /** A context whose log lines also carry {@code extraKey=extraValue} (when the value is not null). */
    InvocationContext create(Context lambda, String extraKey, Object extraValue) {
        String requestId = lambda == null ? null : lambda.getAwsRequestId();
        if (requestId == null || requestId.isEmpty()) {
            requestId = RandomIds.uuid();
        }
        long remaining = lambda == null ? function.options().timeout().toMillis()
                : lambda.getRemainingTimeInMillis();
        return InvocationContext.builder()
                .requestId(requestId)
                .functionName(function.name())
                .deadline(Instant.now().plusMillis(Math.max(0, remaining)))
                .provider(Provider.AWS_LAMBDA)
                .trace(XRayTrace.current(lambda))
                .coldStart(cold.get() && cold.getAndSet(false))
                .logger(logs.logger(requestId, function.name(), extraKey, extraValue))
                .nativeObject(lambda)
                .build();
    }

    /** Makes the next invocation a cold start again (after a SnapStart restore). */
    void resetColdStart() {
        cold.set(true);
    }
}
