package dev.fnkit.selfhosted;

import dev.fnkit.api.FunctionApp;
import dev.fnkit.core.Application;
import dev.fnkit.local.AppLocator;

import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what {@code fnkit serve} names (Maven project directories, built first; jars with a {@code lib/} folder;
 * classes directories; folders of those) into bundles, reading each application's declarations in a throw-away
 * class loader without running its {@code initialize} hook.
 */
final class AppBundles {
    private AppBundles() {
    }

    /**
     * Writes one bundle per application at {@code location} into {@code directory}.
     *
     * @throws IllegalStateException naming the application and the problem
     */
    static List<Path> write(Path location, Path directory, PrintStream log) throws IOException {
        List<Path> bundles = new ArrayList<>();
        for (AppLocator.App app : AppLocator.resolve(location, log)) {
            Path bundle = directory.resolve(BundleManifest.appName(app.name()) + ".zip");
            Files.createDirectories(directory);
            BundleWriter.write(bundle, manifest(app), app.classpath().get(0),
                    app.classpath().subList(1, app.classpath().size()));
            bundles.add(bundle);
        }
        return bundles;
    }

    private static BundleManifest manifest(AppLocator.App app) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path entry : app.classpath()) {
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException("app '" + app.name() + "': invalid class path entry " + entry, e);
            }
        }
        try (URLClassLoader loader = new URLClassLoader("fnkit-declarations-" + app.name(),
                urls.toArray(URL[]::new), AppLocator.appParent(AppBundles.class.getClassLoader()))) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                Application application = Application.load(loader);
                List<String> classes = application.apps().stream().map(FunctionApp::getClass).map(Class::getName)
                        .toList();
                return BundleManifest.of(BundleManifest.appName(app.name()), "", classes, application.functions());
            } catch (RuntimeException e) {
                throw new IllegalStateException("app '" + app.name() + "': " + e.getMessage(), e);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }
}
