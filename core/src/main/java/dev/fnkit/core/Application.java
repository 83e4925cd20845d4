package dev.fnkit.core;

import dev.fnkit.api.FunctionApp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A loaded application: its {@link FunctionApp}s (found with {@link ServiceLoader}, no classpath scanning), their
 * validated functions by name, and the router over their HTTP routes. Built once per instance.
 */
public final class Application {
    /** The environment variable that picks the function a single-function entry point serves. */
    public static final String FUNCTION_ENV = "FNKIT_FUNCTION";

    private final List<FunctionApp> apps;
    private final List<FunctionDefinition> functions;
    private final Map<String, FunctionDefinition> byName;
    private final Router router;
    private volatile boolean initialized;

    private Application(List<FunctionApp> apps) {
        this.apps = List.copyOf(apps);
        FunctionRegistry registry = new FunctionRegistry();
        for (FunctionApp app : apps) {
            app.register(registry);
        }
        this.functions = registry.definitions();
        Map<String, FunctionDefinition> map = new LinkedHashMap<>();
        for (FunctionDefinition function : functions) {
            map.put(function.name(), function);
        }
        this.byName = map;
        this.router = Router.of(functions);
    }

    /**
     * Loads every {@link FunctionApp} listed in {@code META-INF/services/dev.fnkit.api.FunctionApp} on this class
     * loader.
     *
     * @throws DeclarationException when there is none, or a declaration is invalid
     */
    public static Application load(ClassLoader loader) {
        List<FunctionApp> apps = new ArrayList<>();
        try {
            for (FunctionApp app : ServiceLoader.load(FunctionApp.class, loader)) {
                apps.add(app);
            }
        } catch (java.util.ServiceConfigurationError e) {
            throw new DeclarationException(null, "cannot load a FunctionApp: " + e.getMessage(), e);
        }
        if (apps.isEmpty()) {
            throw new DeclarationException(null, "no FunctionApp found: list your implementation of "
                    + "dev.fnkit.api.FunctionApp in META-INF/services/dev.fnkit.api.FunctionApp");
        }
        return new Application(apps);
    }

    /** An application of these function apps. */
    public static Application of(FunctionApp... apps) {
        return new Application(List.of(apps));
    }

    public List<FunctionApp> apps() {
        return apps;
    }

    /** Every function, in declaration order. */
    public List<FunctionDefinition> functions() {
        return functions;
    }

    public Optional<FunctionDefinition> function(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The function a single-function entry point serves: the named one, or the only one when no name is given.
     *
     * @throws IllegalStateException naming the functions there are, when the choice is missing or unknown
     */
    public FunctionDefinition select(String name) {
        if (name == null || name.isBlank()) {
            if (functions.size() == 1) {
                return functions.get(0);
            }
            throw new IllegalStateException("The application has " + functions.size() + " functions "
                    + byName.keySet() + ": set " + FUNCTION_ENV + " to the one to serve");
        }
        FunctionDefinition function = byName.get(name.trim());
        if (function == null) {
            throw new IllegalStateException(FUNCTION_ENV + "=" + name + " names no function; the application has "
                    + byName.keySet());
        }
        return function;
    }

    public Router router() {
        return router;
    }

    /** Runs every app's {@link FunctionApp#initialize()} once; later calls do nothing. */
    public void initialize() throws Exception {
        if (initialized) {
            return;
        }
        synchronized (this) {
            if (!initialized) {
                for (FunctionApp app : apps) {
                    app.initialize();
                }
                initialized = true;
            }
        }
    }

    /** Runs every app's {@link FunctionApp#prime} hook with a primer that invokes functions in-process. */
    public void prime(dev.fnkit.api.Provider provider) throws Exception {
        AppPrimer primer = new AppPrimer(this, provider);
        for (FunctionApp app : apps) {
            app.prime(primer);
        }
    }
}
