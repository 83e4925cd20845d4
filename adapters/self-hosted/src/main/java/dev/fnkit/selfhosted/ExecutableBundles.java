package dev.fnkit.selfhosted;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Executable-function directories among what {@code fnkit serve} names: a directory holding a {@code functions.json}
 * (and no {@code pom.xml}) is a bundle as it stands, e.g. {@code samples/exec-wordcount} with its scripts; a folder
 * of apps may hold such directories beside Java apps. Each is zipped as is and deployed like any bundle.
 */
final class ExecutableBundles {
    private ExecutableBundles() {
    }

    /** The executable bundle directories at a location: itself, or its immediate subdirectories, in name order. */
    static List<Path> find(Path location) throws IOException {
        if (isBundle(location)) {
            return List.of(location);
        }
        if (!Files.isDirectory(location)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(location)) {
            return children.filter(ExecutableBundles::isBundle).sorted().toList();
        }
    }

    /** Whether the location holds Java apps too: it is no bundle and has Java apps beside any bundles. */
    static boolean hasJavaApps(Path location, List<Path> bundles) throws IOException {
        if (bundles.isEmpty()) {
            return true;
        }
        if (bundles.contains(location)) {
            return false;
        }
        try (Stream<Path> children = Files.list(location)) {
            return children.anyMatch(child -> Files.isDirectory(child) && !bundles.contains(child)
                    && (Files.isRegularFile(child.resolve("pom.xml"))
                    || Files.isRegularFile(child.resolve("META-INF/services/dev.fnkit.api.FunctionApp"))));
        }
    }

    /** Zips the directory's files (hidden ones left out) into {@code <directory name>.zip} in {@code staging}. */
    static Path zip(Path directory, Path staging) throws IOException {
        Path bundle = staging.resolve(BundleManifest.appName(directory.getFileName().toString()) + ".zip");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(Files::isRegularFile).filter(file -> !hidden(directory.relativize(file))).sorted()
                    .forEach(files::add);
        }
        try (OutputStream out = Files.newOutputStream(bundle); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry(directory.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return bundle;
    }

    private static boolean isBundle(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(BundleManifest.FILE_NAME))
                && !Files.exists(dir.resolve("pom.xml"));
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
