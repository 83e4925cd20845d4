package dev.fnkit.selfhosted;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks and checks a bundle: a zip with {@code functions.json} at its top, the application jar next to it and
 * its dependencies in {@code lib/} (any other files, such as executables, anywhere). It refuses, naming the problem,
 * a bundle over the size limit, one that unpacks to more than the unpacked limit, an entry whose path leaves the
 * bundle (zip-slip) or cannot be written (a name that is not UTF-8 or too long), a truncated or otherwise invalid zip,
 * a missing or invalid manifest, and a missing or ambiguous application jar.
 */
final class BundleReader {
    private static final int MAX_ENTRIES = 10_000;

    private final long maxBundleBytes;
    private final long maxUnpackedBytes;

    BundleReader(long maxBundleBytes, long maxUnpackedBytes) {
        this.maxBundleBytes = maxBundleBytes;
        this.maxUnpackedBytes = maxUnpackedBytes;
    }

    /**
     * The bundle's files and declarations.
     *
     * @param manifest the declarations
     * @param appJar   the application jar, or null when every function is an executable
     */
    record Unpacked(BundleManifest manifest, Path appJar) {
    }

    /** Checks the size of a bundle before reading it. */
    void checkSize(long size) throws BundleException {
        if (size > maxBundleBytes) {
            throw new BundleException(413, "the bundle is " + size + " bytes, over the limit of " + maxBundleBytes
                    + " bytes");
        }
    }

    /**
     * Unpacks a bundle into {@code target} (which must not exist) and checks it.
     *
     * @throws BundleException naming the problem; {@code target} may then hold part of the bundle
     */
    Unpacked unpack(InputStream bundle, Path target) throws BundleException, IOException {
        Files.createDirectories(target);
        BufferedInputStream in = new BufferedInputStream(bundle);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4) {
            throw new BundleException("the bundle is not a zip archive");
        }
        long unpacked = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new BundleException(413, "the bundle has more than " + MAX_ENTRIES + " entries");
                }
                Path file = resolve(target, entry.getName());
                try {
                    unpacked = unpackEntry(zip, entry, file, unpacked);
                } catch (FileSystemException e) {
                    throw new BundleException("the bundle entry '" + entry.getName() + "' cannot be unpacked: "
                            + (e.getReason() == null ? "its path clashes with another entry's" : e.getReason()));
                }
            }
        } catch (ZipException | EOFException e) {
            throw new BundleException("the bundle is not a valid zip archive: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BundleException("the bundle has an entry name that is not UTF-8 or not a valid path: "
                    + e.getMessage());
        }
        Path manifestFile = target.resolve(BundleManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new BundleException("the bundle has no " + BundleManifest.FILE_NAME + " at its top level");
        }
        BundleManifest manifest = BundleManifest.parse(Files.readAllBytes(manifestFile));
        Path appJar = null;
        if (manifest.needsJar()) {
            List<Path> jars = topLevelJars(target);
            if (jars.isEmpty()) {
                throw new BundleException("the bundle has no application jar at its top level, but declares JVM"
                        + " functions");
            }
            if (jars.size() > 1) {
                throw new BundleException("the bundle has " + jars.size() + " jars at its top level " + names(jars)
                        + "; keep only the application jar there and put dependencies in lib/");
            }
            appJar = jars.get(0);
        }
        for (FunctionSpec function : manifest.functions()) {
            if (function.executable()) {
                makeExecutable(target, function);
            }
        }
        return new Unpacked(manifest, appJar);
    }

    /**
     * Writes one entry, returning the bytes unpacked so far.
     *
     * @throws FileSystemException when its path cannot be made (a name too long, a file where a directory must be)
     */
    private long unpackEntry(ZipInputStream zip, ZipEntry entry, Path file, long unpacked)
            throws BundleException, IOException {
        if (entry.isDirectory()) {
            Files.createDirectories(file);
            return unpacked;
        }
        Files.createDirectories(file.getParent());
        long total = unpacked;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = zip.read(buffer)) > 0) {
                total += read;
                if (total > maxUnpackedBytes) {
                    throw new BundleException(413, "the bundle unpacks to more than the limit of " + maxUnpackedBytes
                            + " bytes");
                }
                out.write(buffer, 0, read);
            }
        }
        return total;
    }

    /** The file an entry unpacks to, refusing paths that would leave the bundle. */
    static Path resolve(Path target, String name) throws BundleException {
        boolean escapes = name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0
                || name.length() > 1 && name.charAt(1) == ':';
        if (!escapes) {
            for (String segment : name.split("/")) {
                if (segment.equals("..")) {
                    escapes = true;
                    break;
                }
            }
        }
        Path file = target.resolve(name).normalize();
        if (escapes || !file.startsWith(target) || file.equals(target)) {
            throw new BundleException("the bundle entry '" + name + "' points outside the bundle (zip-slip);"
                    + " entries must be relative paths without '..'");
        }
        return file;
    }

    private static void makeExecutable(Path target, FunctionSpec function) throws BundleException, IOException {
        String program = function.command().get(0);
        if (!program.contains("/")) {
            Path local = target.resolve(program);
            if (Files.isRegularFile(local)) {
                setExecutable(local);
            }
            return;
        }
        Path file = resolve(target, program);
        if (!Files.isRegularFile(file)) {
            throw new BundleException("function '" + function.name() + "' runs " + program
                    + ", which is not in the bundle");
        }
        setExecutable(file);
    }

    private static void setExecutable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            if (!file.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + file + " executable");
            }
        }
    }

    private static List<Path> topLevelJars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".jar"))
                    .sorted().toList();
        }
    }

    private static List<String> names(List<Path> files) {
        List<String> names = new ArrayList<>();
        files.forEach(f -> names.add(f.getFileName().toString()));
        return names;
    }
}
