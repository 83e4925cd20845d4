package dev.fnkit.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of an app's compiled-classes directories for one app version. A class loader reads a directory
 * lazily, so without the copy a version still finishing requests would load classes the compiler has just replaced;
 * with it, every version sees one consistent set of classes until it is closed.
 */
final class ClassesSnapshot {
    private final List<Path> classpath;
    private final Path copy;

    private ClassesSnapshot(List<Path> classpath, Path copy) {
        this.classpath = classpath;
        this.copy = copy;
    }

    /**
     * Copies the app's class roots; jars are used in place.
     *
     * @throws AppLoadException when the classes cannot be copied (e.g. the compiler is still deleting them)
     */
    static ClassesSnapshot take(AppSource source) {
        if (source.classRoots().isEmpty()) {
            return new ClassesSnapshot(source.classpath(), null);
        }
        Path copy;
        try {
            copy = Files.createTempDirectory("fnkit-" + source.name() + "-");
        } catch (IOException e) {
            throw new AppLoadException("cannot copy the classes of app " + source + ": " + e.getMessage(), e);
        }
        List<Path> classpath = new ArrayList<>(source.classpath().size());
        int index = 0;
        try {
            for (Path entry : source.classpath()) {
                if (source.classRoots().contains(entry)) {
                    Path target = copy.resolve(String.valueOf(index++));
                    copyTree(entry, target);
                    classpath.add(target);
                } else {
                    classpath.add(entry);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            delete(copy);
            throw new AppLoadException("cannot copy the classes of app " + source + ": " + e.getMessage(), e);
        }
        return new ClassesSnapshot(classpath, copy);
    }

    /** The app's class path with each class root replaced by its copy. */
    List<Path> classpath() {
        return classpath;
    }

    /** Deletes the copy. */
    void delete() {
        if (copy != null) {
            delete(copy);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}
