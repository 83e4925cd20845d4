package dev.fnkit.local;

import dev.fnkit.core.Application;
import dev.fnkit.core.DeclarationException;
import dev.fnkit.core.HttpDispatch;
import dev.fnkit.local.packaging.JarLoaders;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded version of an app: its class loader, {@link Application} and dispatch. Requests hold the version while
 * they run; once a reload retires it, the class loader is closed when the last of them finishes.
 */
final class AppVersion {
    private static final int CLOSED = -1;

    private final String name;
    private final Application application;
    private final HttpDispatch dispatch;
    private final URLClassLoader loader;
    private final ClassesSnapshot snapshot;
    private final AtomicInteger users = new AtomicInteger();
    private volatile boolean retired;

    private AppVersion(String name, Application application, URLClassLoader loader, ClassesSnapshot snapshot,
                       PrintStream out, Clock clock) {
        this.name = name;
        this.application = application;
        this.loader = loader;
        this.snapshot = snapshot;
        this.dispatch = new HttpDispatch(application, new LocalContexts(out, clock));
    }

    /** An app already loaded by the caller; it never reloads. */
    static AppVersion of(String name, Application application, PrintStream out, Clock clock) {
        return new AppVersion(name, application, null, null, out, clock);
    }

    /**
     * Loads an app in a new class loader (whose parent is the runner's) from a snapshot of its classes, declares its
     * functions and runs its {@code initialize} hooks.
     *
     * @throws AppLoadException naming the app and the problem
     */
    static AppVersion load(AppSource source, PrintStream out, Clock clock) {
        ClassesSnapshot snapshot = ClassesSnapshot.take(source);
        URLClassLoader loader = JarLoaders.of("fnkit-app-" + source.name(), snapshot.classpath(),
                new FunctionAppHidingLoader(AppVersion.class.getClassLoader()));
        try {
            Application application = withLoader(loader, () -> Application.load(loader));
            withLoader(loader, () -> {
                application.initialize();
                return null;
            });
            return new AppVersion(source.name(), application, loader, snapshot, out, clock);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            close(loader, snapshot);
            throw new AppLoadException("app " + source + ": " + describe(e), e);
        }
    }

    String name() {
        return name;
    }

    Application application() {
        return application;
    }

    HttpDispatch dispatch() {
        return dispatch;
    }

    /** Runs work with this version's class loader as the thread's context class loader. */
    <T> T call(Callable<T> work) throws Exception {
        return loader == null ? work.call() : withLoader(loader, work);
    }

    /** Holds this version for one request; false when it has been closed (the caller picks the current one). */
    boolean acquire() {
        while (true) {
            int current = users.get();
            if (current == CLOSED) {
                return false;
            }
            if (users.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Ends a request started with {@link #acquire()}. */
    void release() {
        if (users.decrementAndGet() == 0 && retired) {
            closeIfUnused();
        }
    }

    /** Marks this version replaced: it closes once no request holds it. */
    void retire() {
        retired = true;
        closeIfUnused();
    }

    private void closeIfUnused() {
        if (users.compareAndSet(0, CLOSED)) {
            close(loader, snapshot);
        }
    }

    private static <T> T withLoader(ClassLoader loader, Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof DeclarationException || e instanceof AppLoadException) {
            return e.getMessage();
        }
        return e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static void close(URLClassLoader loader, ClassesSnapshot snapshot) {
        if (loader == null) {
            return;
        }
        try {
            loader.close();
        } catch (IOException ignored) {
            // the snapshot is deleted either way
        }
        snapshot.delete();
    }
}
