package dev.fnkit.local.packaging;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/** Class loaders over jars and class folders. */
public final class JarLoaders {
    private JarLoaders() {
    }

    /**
     * A loader of these jars, in order, after its parent (parent first).
     *
     * @throws IllegalArgumentException when a path is no class path entry
     */
    public static URLClassLoader of(String name, List<Path> jars, ClassLoader parent) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("not a class path entry: " + jars.get(i), e);
            }
        }
        return new URLClassLoader(name, urls, parent);
    }
}
