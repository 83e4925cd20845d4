package dev.fnkit.compat.spring;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The Spring application context, started once, and the catalog functions looked up in it. */
final class SpringContext {
    private final List<Class<?>> sources;
    private final Map<String, Object> defaultProperties;
    private final Map<String, FunctionInvocationWrapper> functions = new ConcurrentHashMap<>();
    private volatile ConfigurableApplicationContext context;
    private volatile FunctionCatalog catalog;

    SpringContext(List<Class<?>> sources, Map<String, Object> defaultProperties) {
        this.sources = List.copyOf(sources);
        this.defaultProperties = defaultProperties;
    }

    List<Class<?>> sources() {
        return sources;
    }

    Map<String, Object> defaultProperties() {
        return defaultProperties;
    }

    /** Starts the context unless it runs, then looks up each definition (failing on those it lacks). */
    void start(Collection<String> definitions) {
        FunctionCatalog started = catalog();
        List<String> missing = new ArrayList<>();
        for (String definition : definitions) {
            if (lookup(started, definition) == null) {
                missing.add(definition);
            }
        }
        if (!missing.isEmpty()) {
            throw notFound(missing, started);
        }
    }

    /** The function for a definition, starting the context on first use. */
    FunctionInvocationWrapper function(String definition) {
        FunctionInvocationWrapper function = functions.get(definition);
        if (function != null) {
            return function;
        }
        FunctionCatalog started = catalog();
        function = lookup(started, definition);
        if (function == null) {
            throw notFound(List.of(definition), started);
        }
        return function;
    }

    Set<String> names() {
        return new TreeSet<>(catalog().getNames(null));
    }

    void close() {
        synchronized (this) {
            if (context != null) {
                context.close();
                context = null;
                catalog = null;
                functions.clear();
            }
        }
    }

    private FunctionInvocationWrapper lookup(FunctionCatalog started, String definition) {
        return functions.computeIfAbsent(definition, d -> {
            FunctionInvocationWrapper found = started.lookup(d);
            if (found != null && (found.isInputTypePublisher() || found.isOutputTypePublisher())) {
                throw new IllegalStateException("Spring function '" + d + "' is reactive (Flux or Mono): fnkit"
                        + " calls functions one input at a time, declare it as a Function, Consumer or Supplier"
                        + " of plain values");
            }
            return found;
        });
    }

    private FunctionCatalog catalog() {
        FunctionCatalog started = catalog;
        if (started != null) {
            return started;
        }
        synchronized (this) {
            if (catalog == null) {
                SpringApplication application = new SpringApplication(sources.toArray(Class<?>[]::new));
                application.setWebApplicationType(WebApplicationType.NONE);
                application.setBannerMode(Banner.Mode.OFF);
                application.setLogStartupInfo(false);
                application.setDefaultProperties(defaultProperties);
                context = application.run();
                catalog = context.getBean(FunctionCatalog.class);
            }
            return catalog;
        }
    }

    private IllegalStateException notFound(List<String> definitions, FunctionCatalog started) {
        return new IllegalStateException("The Spring application " + sources.get(0).getName() + " has no function "
                + String.join(", ", definitions) + "; its FunctionCatalog holds "
                + new TreeSet<>(started.getNames(null)));
    }
}
