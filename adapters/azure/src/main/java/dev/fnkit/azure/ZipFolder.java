package dev.fnkit.azure;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Zips a folder for zip deploy, reproducibly: entries relative to the folder (so {@code host.json} is at the top),
 * folders before their contents, sorted by path, all with the same timestamp and no extra fields.
 */
final class ZipFolder {
    static final LocalDateTime TIMESTAMP = LocalDateTime.of(2026, 1, 1, 0, 0);

    private ZipFolder() {
    }

    static void zip(Path folder, Path zip) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> !p.equals(folder)).forEach(paths::add);
        }
        paths.sort((a, b) -> entryName(folder, a).compareTo(entryName(folder, b)));
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Path path : paths) {
                boolean directory = Files.isDirectory(path);
                ZipEntry entry = new ZipEntry(entryName(folder, path) + (directory ? "/" : ""));
                entry.setTimeLocal(TIMESTAMP);
                out.putNextEntry(entry);
                if (!directory) {
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
    }

    private static String entryName(Path folder, Path path) {
        return folder.relativize(path).toString().replace('\\', '/');
    }
}
