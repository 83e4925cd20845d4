package dev.fnkit.local;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every app class loader: the runner's classes (so {@code dev.fnkit.api} types are shared), but none
 * of the runner's {@code META-INF/services/dev.fnkit.api.FunctionApp} entries, so that an app finds only its own
 * declarations.
 */
final class FunctionAppHidingLoader extends ClassLoader {
    static final String SERVICE = "META-INF/services/dev.fnkit.api.FunctionApp";

    static {
        registerAsParallelCapable();
    }

    FunctionAppHidingLoader(ClassLoader runner) {
        super("fnkit-runner", runner);
    }

    @Override
    public URL getResource(String name) {
        return SERVICE.equals(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return SERVICE.equals(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }
}
