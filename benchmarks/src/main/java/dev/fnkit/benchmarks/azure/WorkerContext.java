package dev.fnkit.benchmarks.azure;

import com.microsoft.azure.functions.ExecutionContext;

import java.util.logging.Logger;

/** The execution context the Java worker passes to an invocation of {@code hello}. */
enum WorkerContext implements ExecutionContext {
    INSTANCE;

    private static final Logger LOGGER = Logger.getLogger("Host.Function.hello");

    @Override
    public Logger getLogger() {
        return LOGGER;
    }

    @Override
    public String getInvocationId() {
        return "0c8a7a0e-5d8f-4b7e-9f3e-6c1d2b3a4f50";
    }

    @Override
    public String getFunctionName() {
        return "hello";
    }
}
