package dev.fnkit.selfhosted.edge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The secrets, one owner-only file each in {@code <data-dir>/secrets/} (0700). Values are written and copied into
 * instances' secret directories, never returned, printed or put in an environment.
 */
final class SecretStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    private final Path dir;

    SecretStore(Path dataDir) throws IOException {
        this.dir = OwnerOnly.directory(dataDir.resolve("secrets"));
    }

    /** A secret's name and when it was last written. */
    record Entry(String name, Instant updatedAt) {
    }

    /**
     * Checks a secret's name: 1 to 63 letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or
     * digit, and not {@code ..}-like, so that it is always one file name inside the secrets directory.
     *
     * @throws IllegalArgumentException naming the problem
     */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("a secret name is 1 to 63 letters, digits, '.', '_' or '-', starting"
                    + " with a letter or digit (no path), not '" + name + "'");
        }
        return name;
    }

    synchronized boolean exists(String name) {
        return Files.isRegularFile(file(name));
    }

    /** Writes a secret; true when it existed before. */
    synchronized boolean put(String name, byte[] value) throws IOException {
        boolean existed = exists(name);
        OwnerOnly.write(file(name), value);
        return existed;
    }

    /** Deletes a secret; false when there was none. */
    synchronized boolean delete(String name) throws IOException {
        return Files.deleteIfExists(file(name));
    }

    synchronized Optional<byte[]> read(String name) throws IOException {
        Path file = file(name);
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    synchronized List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && NAME.matcher(name).matches()) {
                    entries.add(new Entry(name, Files.getLastModifiedTime(file).toInstant()));
                }
            }
        }
        return entries;
    }

    /**
     * Copies these secrets into {@code <instance-dir>/secrets/} (0700, files 0600) and returns that directory.
     *
     * @throws IOException naming a secret that does not exist
     */
    synchronized Path materialize(List<String> names, Path instanceDirectory) throws IOException {
        Path target = OwnerOnly.directory(instanceDirectory.resolve("secrets"));
        for (String name : names) {
            Optional<byte[]> value = read(name);
            if (value.isEmpty()) {
                throw new IOException("secret '" + name + "' does not exist");
            }
            OwnerOnly.write(target.resolve(name), value.get());
        }
        return target;
    }

    private Path file(String name) {
        return dir.resolve(checkName(name));
    }
}
