package dev.fnkit.gcp;

import dev.fnkit.core.Application;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.LineLogger;
import dev.fnkit.core.Router;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one instance serves, set up once: the application, the selected function, its own router and the facts of
 * the environment (project, log level). The entry points' no-argument constructors share {@link #fromEnvironment()}.
 */
final class GcpRuntime {
    private static final List<String> PROJECT_VARIABLES = List.of("GOOGLE_CLOUD_PROJECT", "GCP_PROJECT",
            "GCLOUD_PROJECT");

    private final Application application;
    private final FunctionDefinition function;
    private final Router router;
    private final String project;
    private final LineLogger.Level logLevel;
    private final AtomicBoolean coldStart = new AtomicBoolean(true);

    private GcpRuntime(Application application, FunctionDefinition function, String project,
                       LineLogger.Level logLevel) {
        this.application = application;
        this.function = function;
        this.router = Router.of(List.of(function));
        this.project = project;
        this.logLevel = logLevel;
    }

    /** The instance's runtime: the application on this class loader, the function {@code FNKIT_FUNCTION} names. */
    static GcpRuntime fromEnvironment() {
        return Holder.INSTANCE;
    }

    /**
     * A runtime for one function of an application that is already loaded; runs the application's
     * {@code initialize()} if it has not run yet.
     *
     * @throws IllegalStateException when the function does not exist or the application fails to initialize
     */
    static GcpRuntime of(Application application, String functionName, Map<String, String> environment) {
        FunctionDefinition function = application.select(functionName);
        try {
            application.initialize();
        } catch (Exception e) {
            throw new IllegalStateException("The application failed to initialize: " + e, e);
        }
        return new GcpRuntime(application, function, project(environment), LineLogger.levelFromEnvironment());
    }

    Application application() {
        return application;
    }

    FunctionDefinition function() {
        return function;
    }

    /** A router over this function's routes only: GCF hands every path to the one deployed function. */
    Router router() {
        return router;
    }

    /** The Google Cloud project id, or null when the environment does not name it. */
    String project() {
        return project;
    }

    LineLogger.Level logLevel() {
        return logLevel;
    }

    /** True for the first invocation this runtime serves. */
    boolean claimColdStart() {
        return coldStart.get() && coldStart.getAndSet(false);
    }

    private static String project(Map<String, String> environment) {
        for (String name : PROJECT_VARIABLES) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static final class Holder {
        static final GcpRuntime INSTANCE = load();

        private static GcpRuntime load() {
            Map<String, String> environment = System.getenv();
            try {
                Application application = Application.load(GcpRuntime.class.getClassLoader(),
                        environment.get(Application.APP_ENV));
                return of(application, environment.get(Application.FUNCTION_ENV), environment);
            } catch (RuntimeException e) {
                System.out.println(CloudLogFormat.INSTANCE.format(java.time.Instant.now(), LineLogger.Level.ERROR,
                        "fnkit cannot start: " + e.getMessage(), e, Map.of()));
                throw e;
            }
        }
    }
}
