package dev.fnkit.core;

import dev.fnkit.api.FunctionApp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A loaded application: its {@link FunctionApp}s (named by {@code FNKIT_APP} where the packager recorded them, else
 * found with {@link ServiceLoader}; no classpath scanning), their validated functions by name, and the router over
 * their HTTP routes. Built once per instance.
 */
public final class Application {
    /** The environment variable that picks the function a single-function entry point serves. */
    public static final String FUNCTION_ENV = "FNKIT_FUNCTION";
    /**
     * The environment variable in which the packagers record the application's {@link FunctionApp} classes (names,
     * comma-separated), so that a deployed instance starts without {@link ServiceLoader}'s look through every jar.
     */
    public static final String APP_ENV = "FNKIT_APP";

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

    /**
     * Loads the named {@link FunctionApp} classes on this class loader, or, when {@code appClasses} is null or blank,
     * every one {@link #load(ClassLoader)} finds. The names are what a packager recorded in {@link #APP_ENV}.
     *
     * @param appClasses comma-separated class names, each a public {@code FunctionApp} with a public no-argument
     *                   constructor
     * @throws DeclarationException when a class cannot be loaded or is not a {@code FunctionApp}, or a declaration is
     *                              invalid
     */
    public static Application load(ClassLoader loader, String appClasses) {
        if (appClasses == null || appClasses.isBlank()) {
            return load(loader);
        }
        List<FunctionApp> apps = new ArrayList<>(1);
        for (String name : appClasses.split(",")) {
            if (!name.isBlank()) {
                apps.add(instantiate(loader, name.strip()));
            }
        }
        return new Application(apps);
    }

    private static FunctionApp instantiate(ClassLoader loader, String name) {
        Class<?> type;
        try {
            type = Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new DeclarationException(null, APP_ENV + " names " + name + ", which cannot be loaded: " + e, e);
        }
        if (!FunctionApp.class.isAssignableFrom(type)) {
            throw new DeclarationException(null, APP_ENV + " names " + name + ", which does not implement "
                    + FunctionApp.class.getName());
        }
        try {
            return (FunctionApp) type.getConstructor().newInstance();
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new DeclarationException(null, "cannot create " + name + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new DeclarationException(null, "cannot create " + name + " (" + APP_ENV + "): it needs a public"
                    + " no-argument constructor", e);
        }
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
