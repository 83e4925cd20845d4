package dev.fnkit.core;

import dev.fnkit.api.Context;
import dev.fnkit.api.FunctionLogger;
import dev.fnkit.api.Provider;
import dev.fnkit.api.TraceContext;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@link Context} every adapter hands to functions, built from what its platform knows. */
public final class InvocationContext implements Context {
    private static final AtomicBoolean FIRST_INVOCATION = new AtomicBoolean(true);

    private final String requestId;
    private final String functionName;
    private final Instant deadline;
    private volatile FunctionLogger logger;
    private final TraceContext trace;
    private final Provider provider;
    private final boolean coldStart;
    private final List<Object> natives;

    private InvocationContext(Builder b) {
        this.requestId = Objects.requireNonNull(b.requestId, "requestId");
        this.functionName = Objects.requireNonNull(b.functionName, "functionName");
        this.deadline = Objects.requireNonNull(b.deadline, "deadline");
        this.provider = Objects.requireNonNull(b.provider, "provider");
        this.trace = b.trace;
        this.coldStart = b.coldStart == null ? claimColdStart() : b.coldStart;
        this.natives = List.copyOf(b.natives);
        this.logger = b.logger;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True exactly once per class loader: for the first invocation this process serves. */
    public static boolean claimColdStart() {
        return FIRST_INVOCATION.getAndSet(false);
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public String functionName() {
        return functionName;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    /** The logger given to the builder, or (made on first use) text lines on stdout with the request id. */
    @Override
    public FunctionLogger logger() {
        FunctionLogger current = logger;
        if (current == null) {
            current = new LineLogger(System.out, LogFormat.TEXT, LineLogger.levelFromEnvironment(),
                    java.util.Map.of("requestId", requestId, "function", functionName));
            logger = current;
        }
        return current;
    }

    @Override
    public Optional<TraceContext> trace() {
        return Optional.ofNullable(trace);
    }

    @Override
    public Provider provider() {
        return provider;
    }

    @Override
    public boolean coldStart() {
        return coldStart;
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        for (Object candidate : natives) {
            if (type.isInstance(candidate)) {
                return Optional.of(type.cast(candidate));
            }
        }
        return Optional.empty();
    }

    /** Builds an {@link InvocationContext}; request id, function name, deadline and provider are required. */
    public static final class Builder {
        private String requestId;
        private String functionName;
        private Instant deadline;
        private FunctionLogger logger;
        private TraceContext trace;
        private Provider provider;
        private Boolean coldStart;
        private final java.util.ArrayList<Object> natives = new java.util.ArrayList<>(2);

        private Builder() {
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder functionName(String functionName) {
            this.functionName = functionName;
            return this;
        }

        public Builder deadline(Instant deadline) {
            this.deadline = deadline;
            return this;
        }

        /** The logger; by default text lines on stdout carrying the request id and function name. */
        public Builder logger(FunctionLogger logger) {
            this.logger = logger;
            return this;
        }

        public Builder trace(TraceContext trace) {
            this.trace = trace;
            return this;
        }

        public Builder provider(Provider provider) {
            this.provider = provider;
            return this;
        }

        /** Sets the cold-start flag; by default the first context built in this process is the cold one. */
        public Builder coldStart(boolean coldStart) {
            this.coldStart = coldStart;
            return this;
        }

        /** A provider object that {@link Context#unwrap(Class)} can return. */
        public Builder nativeObject(Object nativeObject) {
            if (nativeObject != null) {
                natives.add(nativeObject);
            }
            return this;
        }

        public InvocationContext build() {
            return new InvocationContext(this);
        }
    }
}
