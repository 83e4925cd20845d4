package dev.fnkit.azure;

import com.microsoft.azure.functions.ExecutionContext;
import dev.fnkit.core.Application;

/** The Azure entry point and an emulated execution context, for the fuzz tests in {@code dev.fnkit.azure.fuzz}. */
public final class FuzzEntryPoints {
    private FuzzEntryPoints() {
    }

    /** The entry point over an application built by hand. */
    public static FnkitAzure entryPoint(Application application) {
        return new FnkitAzure(AzureRuntime.of(application));
    }

    /** An execution context as the worker gives one for this function. */
    public static ExecutionContext context(String function) {
        return new EmulatedExecutionContext(function, null, null);
    }
}
