package dev.fnkit.local;

import java.nio.file.Path;
import java.util.List;

/**
 * Where one app's classes come from.
 *
 * @param name       a short name for messages (the project, jar or directory name)
 * @param location   what the user named: a project directory, a jar or a classes directory
 * @param classpath  the app's class path, its own classes first, without fnkit-api and fnkit-core
 * @param classRoots directories of compiled classes whose changes reload the app; empty when it cannot reload
 */
record AppSource(String name, Path location, List<Path> classpath, List<Path> classRoots) {
    AppSource {
        classpath = List.copyOf(classpath);
        classRoots = List.copyOf(classRoots);
    }

    @Override
    public String toString() {
        return "'" + name + "' (" + location + ")";
    }
}
