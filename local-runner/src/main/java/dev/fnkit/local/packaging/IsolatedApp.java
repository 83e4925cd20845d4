package dev.fnkit.local.packaging;

import dev.fnkit.api.FunctionApp;
import dev.fnkit.core.Application;
import dev.fnkit.core.DeclarationException;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An application loaded from its jar and dependencies in a class loader of its own, whose parent shares the fnkit
 * API and core types with the caller. Open while its declarations are in use (their classes live in the loader).
 */
final class IsolatedApp implements AutoCloseable {
    private final URLClassLoader loader;
    private final Application application;

    private IsolatedApp(URLClassLoader loader, Application application) {
        this.loader = loader;
        this.application = application;
    }

    /**
     * Loads the application's {@link FunctionApp}s with {@link Application#load(ClassLoader)}.
     *
     * @param appJar    the application's jar
     * @param classpath the dependencies to load alongside it, without fnkit-api and fnkit-core (the parent has them)
     * @param parent    the loader that provides {@code dev.fnkit.api} and {@code dev.fnkit.core}
     * @throws PackagingFailure when the application has no {@code FunctionApp}, cannot be loaded, or declares
     *                          something invalid; the message says which function and what is wrong
     */
    static IsolatedApp load(Path appJar, List<Path> classpath, ClassLoader parent) throws PackagingFailure {
        List<Path> jars = new ArrayList<>(classpath.size() + 1);
        jars.add(appJar);
        jars.addAll(classpath);
        URLClassLoader loader = JarLoaders.of("fnkit-app", jars, parent);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return new IsolatedApp(loader, Application.load(loader));
        } catch (DeclarationException e) {
            closeQuietly(loader, e);
            String message = e.getMessage();
            throw new PackagingFailure(message.startsWith("Function '") ? message
                    : appJar.getFileName() + ": " + message, e);
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(loader, e);
            throw new PackagingFailure("Cannot read the function declarations of " + appJar.getFileName() + ": "
                    + describe(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    Application application() {
        return application;
    }

    /** The {@code FunctionApp} implementation class names, in load order. */
    List<String> appClasses() {
        List<String> names = new ArrayList<>();
        for (FunctionApp app : application.apps()) {
            names.add(app.getClass().getName());
        }
        return List.copyOf(names);
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    private static void closeQuietly(URLClassLoader loader, Throwable failure) {
        try {
            loader.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause instanceof ExceptionInInitializerError || cause.getMessage() == null)) {
            cause = cause.getCause();
        }
        StackTraceElement origin = cause.getStackTrace().length > 0 ? cause.getStackTrace()[0] : null;
        return cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                + (origin == null ? "" : " (at " + origin + ")");
    }
}
