package dev.fnkit.gcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes the application jar again with a manifest {@code Class-Path} naming its dependency jars: the "thin JAR" form
 * Google Cloud Functions accepts for a prebuilt deployment, where the jar is the only one at the top of the source
 * folder and the runtime follows the class path to the others.
 */
final class ThinJar {
    private ThinJar() {
    }

    /**
     * @param appJar    the application's jar
     * @param target    where to write the thin jar
     * @param classPath the dependency jars, relative to {@code target}'s folder
     */
    static void write(Path appJar, Path target, List<String> classPath) throws IOException {
        try (JarFile in = new JarFile(appJar.toFile())) {
            Manifest manifest = in.getManifest() == null ? new Manifest() : new Manifest(in.getManifest());
            Attributes main = manifest.getMainAttributes();
            main.putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
            main.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath.stream().map(ThinJar::encode).toList()));
            try (OutputStream file = Files.newOutputStream(target);
                 JarOutputStream out = new JarOutputStream(file, manifest)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    JarEntry copy = new JarEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }

    /** A relative path as a manifest class path URL (spaces and other specials percent-encoded). */
    private static String encode(String relative) {
        try {
            return new URI(null, null, relative, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot put " + relative + " on a manifest class path", e);
        }
    }
}
