package dev.fnkit.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The class files of classes folders and jars (or zips, as Lambda deploys them), in a stable order. Libraries
 * inside them ({@code lib/*.jar}, {@code BOOT-INF/lib/}) and {@code module-info} are not read: only the
 * application's own classes are.
 */
final class ClassFiles {
    /** One class file and where it came from, e.g. {@code app.jar!com/example/Handler.class}. */
    record Entry(String origin, byte[] bytes) {
    }

    private ClassFiles() {
    }

    /**
     * Reads every class file under a folder or in a jar, or one class file.
     *
     * @throws IOException when it cannot be read, or is none of those
     */
    static List<Entry> read(Path input) throws IOException {
        if (Files.isDirectory(input)) {
            return folder(input);
        }
        String name = input.getFileName().toString();
        if (name.endsWith(".class")) {
            return List.of(new Entry(input.toString(), Files.readAllBytes(input)));
        }
        try {
            return archive(input);
        } catch (ZipException e) {
            throw new IOException(input + " is not a classes folder, a jar or a class file", e);
        }
    }

    private static List<Entry> folder(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".class"))
                    .filter(p -> !p.getFileName().toString().equals("module-info.class"))
                    .sorted().toList();
        }
        List<Entry> entries = new ArrayList<>(files.size());
        for (Path file : files) {
            entries.add(new Entry(root.relativize(file).toString(), Files.readAllBytes(file)));
        }
        return entries;
    }

    private static List<Entry> archive(Path jar) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".class") || name.endsWith("module-info.class")
                        || name.startsWith("META-INF/")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.add(new Entry(jar.getFileName() + "!" + name, in.readAllBytes()));
                }
            }
        }
        entries.sort((a, b) -> a.origin().compareTo(b.origin()));
        return entries;
    }
}
