package dev.fnkit.azure;

import dev.fnkit.api.FunctionApp;
import dev.fnkit.core.Application;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.LineLogger;
import dev.fnkit.core.Router;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one worker serves, set up once: the application (found with {@link Application#load} and initialized), a
 * router per HTTP function, the log level and the cold-start flag. Every function of the app runs in the same worker,
 * so one runtime serves them all; the Azure function name picks the portable function.
 */
final class AzureRuntime {
    private static final Object LOCK = new Object();
    private static volatile AzureRuntime instance;

    private final Application application;
    private final LineLogger.Level logLevel;
    private final Map<String, Router> routers = new ConcurrentHashMap<>();
    private final AtomicBoolean coldStart = new AtomicBoolean(true);

    private AzureRuntime(Application application) {
        this.application = application;
        this.logLevel = LineLogger.levelFromEnvironment();
    }

    /**
     * The worker's runtime, loaded on first use. A failure to load or initialize fails the invocation with its
     * message; the next invocation tries again (a failed {@code initialize()} may have met a passing outage).
     */
    static AzureRuntime instance() {
        AzureRuntime loaded = instance;
        if (loaded != null) {
            return loaded;
        }
        synchronized (LOCK) {
            if (instance == null) {
                try {
                    instance = of(Application.load(applicationLoader()));
                } catch (RuntimeException e) {
                    throw new IllegalStateException("fnkit cannot start: " + e.getMessage(), e);
                }
            }
            return instance;
        }
    }

    /**
     * A runtime for an application that is already loaded; runs its {@code initialize()} if it has not run yet.
     *
     * @throws IllegalStateException when the application fails to initialize
     */
    static AzureRuntime of(Application application) {
        try {
            application.initialize();
        } catch (Exception e) {
            throw new IllegalStateException("The application failed to initialize: " + e, e);
        }
        return new AzureRuntime(application);
    }

    /** The loader that sees the application: fnkit's own (the worker puts the app jar and lib/ together), else the context's. */
    private static ClassLoader applicationLoader() {
        ClassLoader own = AzureRuntime.class.getClassLoader();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != own && ServiceLoader.load(FunctionApp.class, own).findFirst().isEmpty()) {
            return context;
        }
        return own;
    }

    Application application() {
        return application;
    }

    /**
     * The portable function an Azure function serves.
     *
     * @throws IllegalStateException naming the functions there are, when there is none of that name
     */
    FunctionDefinition function(String azureFunctionName) {
        String name = AzureNames.portable(azureFunctionName);
        return application.function(name).orElseThrow(() -> new IllegalStateException("Azure function '"
                + azureFunctionName + "' serves no fnkit function '" + name + "'; the application has "
                + application.functions().stream().map(FunctionDefinition::name).toList()));
    }

    /** A router over one HTTP function's routes. */
    Router router(FunctionDefinition function) {
        return routers.computeIfAbsent(function.name(), name -> Router.of(List.of(function)));
    }

    LineLogger.Level logLevel() {
        return logLevel;
    }

    /** True for the first invocation this runtime serves. */
    boolean claimColdStart() {
        return coldStart.get() && coldStart.getAndSet(false);
    }
}
