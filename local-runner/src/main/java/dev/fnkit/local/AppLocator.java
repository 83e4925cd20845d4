package dev.fnkit.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the apps at a location as {@code fnkit run} does (building Maven projects), and gives the parent class
 * loader that hides a runtime's own {@code FunctionApp} declarations from an app: for other runtimes that load apps,
 * such as the self-hosted gateway and its workers.
 */
public final class AppLocator {
    /**
     * One app found at a location.
     *
     * @param name      a short name (the project, jar or directory name)
     * @param classpath its class path, its own classes first, without fnkit-api and fnkit-core
     */
    public record App(String name, List<Path> classpath) {
        public App {
            classpath = List.copyOf(classpath);
        }
    }

    private AppLocator() {
    }

    /**
     * The apps at a location, as {@code fnkit run} takes them: a Maven project directory (built first, its output
     * on {@code log}), a jar with an optional {@code lib/} folder next to it, a classes directory, or a directory of
     * those.
     *
     * @throws IllegalStateException naming the location and the problem
     */
    public static List<App> resolve(Path location, PrintStream log) {
        List<App> apps = new ArrayList<>();
        for (AppSource source : new AppLoader(new MavenBuild(log)).resolve(location)) {
            apps.add(new App(source.name(), source.classpath()));
        }
        return apps;
    }

    /** A parent for an app's class loader: {@code runner}'s classes, without its {@code FunctionApp} services. */
    public static ClassLoader appParent(ClassLoader runner) {
        return new FunctionAppHidingLoader(runner);
    }
}
