package dev.fnkit.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What a function knows about the invocation it is serving. */
public interface Context {
    /** The platform's id for this invocation (Lambda request id, Azure invocation id, execution id, ...). */
    String requestId();

    /** The portable function's declared name. */
    String functionName();

    /** When the platform stops waiting for this invocation. */
    Instant deadline();

    /** Time left before the {@link #deadline()}, never negative. */
    default Duration remainingTime() {
        Duration left = Duration.between(Instant.now(), deadline());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** A logger whose lines carry the request id. */
    FunctionLogger logger();

    /** The incoming W3C trace context, when the caller sent one. */
    Optional<TraceContext> trace();

    Provider provider();

    /** True for the first invocation served by this instance. */
    boolean coldStart();

    /**
     * The provider's own object of this type, e.g. {@code com.amazonaws.services.lambda.runtime.Context} or
     * {@code com.microsoft.azure.functions.ExecutionContext}; empty when there is none.
     */
    <T> Optional<T> unwrap(Class<T> type);
}
