package dev.fnkit.selfhosted;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a bundle: {@code functions.json} and the application jar at the top, dependencies in {@code lib/}. A
 * directory of classes is packed into a jar on the way; fnkit-api and fnkit-core are left out (instances provide
 * them). Entries are written in a stable order with a fixed time, so the same inputs give the same bytes.
 */
final class BundleWriter {
    private static final long ENTRY_TIME = 1_767_225_600_000L;

    private BundleWriter() {
    }

    /**
     * @param appJar the application's jar, or its classes directory
     * @param libs   its runtime dependencies: jars or classes directories
     */
    static void write(Path bundle, BundleManifest manifest, Path appJar, List<Path> libs) throws IOException {
        Path parent = bundle.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bundle))) {
            put(zip, BundleManifest.FILE_NAME, manifest.toJson());
            put(zip, jarName(appJar, manifest.app()), bytes(appJar));
            Set<String> names = new HashSet<>();
            int index = 0;
            for (Path lib : libs) {
                String fileName = lib.getFileName().toString();
                if (isFnkitRuntime(fileName)) {
                    continue;
                }
                String name = jarName(lib, fileName);
                if (!names.add(name)) {
                    name = (index++) + "-" + name;
                    names.add(name);
                }
                put(zip, "lib/" + name, bytes(lib));
            }
        }
    }

    private static boolean isFnkitRuntime(String name) {
        return name.startsWith("fnkit-api-") || name.startsWith("fnkit-core-") || name.equals("fnkit-api.jar")
                || name.equals("fnkit-core.jar");
    }

    private static String jarName(Path path, String fallback) {
        String name = path.getFileName().toString();
        if (Files.isDirectory(path)) {
            Path project = path.getParent() != null && path.getParent().getFileName() != null
                    && path.getParent().getFileName().toString().equals("target") ? path.getParent().getParent() : null;
            return (project != null && project.getFileName() != null ? project.getFileName().toString() : fallback)
                    + ".jar";
        }
        return name;
    }

    private static byte[] bytes(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return Files.readAllBytes(path);
        }
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(buffer); Stream<Path> files = Files.walk(path)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                JarEntry entry = new JarEntry(path.relativize(file).toString().replace('\\', '/'));
                entry.setTime(ENTRY_TIME);
                jar.putNextEntry(entry);
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
        return buffer.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(ENTRY_TIME);
        zip.putNextEntry(entry);
        OutputStream out = zip;
        out.write(content);
        zip.closeEntry();
    }
}
