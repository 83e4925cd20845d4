package dev.fnkit.selfhosted;

import dev.fnkit.local.ProcessUsers;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Keeps instances from reading each other's files and the gateway's: when the gateway runs as root, every instance
 * process runs as its own unprivileged user (uid = gid, taken round-robin from a range, no supplementary groups, no new
 * privileges) through {@code setpriv}. Its working directory (with its {@code tmp} and {@code secrets}) belongs to that
 * user, mode 0700, under an instance root outside the data directory
 * ({@code <tmp>/fnkit-instances-<digest of the data directory>}, 0711: traversable, not listable). What an instance
 * must read is linked (hard links, else copies) where its user can reach it: the worker class path entries that other
 * users cannot read into the root's {@code lib/}, and its application's bundle and class-data archive into its own
 * directory, root-owned and read-only. The data directory itself stays the gateway's alone (0700): secrets, admin
 * token, journal, logs, usage, archives and bundles of other functions. Roots that killed gateways left
 * behind are removed at the next start.
 *
 * <p>When the gateway is not root (or {@code setpriv} is missing, or the range is not mapped in this user namespace),
 * isolation is off: instances run as the gateway's user as before, and {@link #describe()} says why. An explicitly
 * configured range that cannot be used fails the start instead.
 */
final class InstanceIsolation implements AutoCloseable {
    /** The setting's value that turns isolation on when possible. */
    static final String AUTO = "auto";
    /** The setting's value that turns isolation off. */
    static final String OFF = "off";
    /** The users instances get by default. */
    static final String DEFAULT_RANGE = "200000-299999";

    private static final String OWNER = "gateway.pid";
    private static final Set<PosixFilePermission> TRAVERSE_ONLY = PosixFilePermissions.fromString("rwx--x--x");
    private static final Set<PosixFilePermission> READABLE_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    /** Users handed out in this JVM (shared by its gateways, so that two never give one user to two instances). */
    private static final BitSet IN_USE = new BitSet();
    private static int cursor = -1;

    private final int first;
    private final int last;
    private final String setpriv;
    private final Path root;
    private final Path instances;
    private final String classpath;
    private final String reason;

    private InstanceIsolation(int first, int last, String setpriv, Path root, Path instances, String classpath,
                              String reason) {
        this.first = first;
        this.last = last;
        this.setpriv = setpriv;
        this.root = root;
        this.instances = instances;
        this.classpath = classpath;
        this.reason = reason;
    }

    /**
     * Sets isolation up as configured.
     *
     * @param setting   {@link #AUTO}, {@link #OFF} or a range of user ids, {@code FIRST-LAST}
     * @param dataDir   the gateway's data directory
     * @param java      the java command instances run
     * @param classpath the worker class path
     * @throws IllegalArgumentException for a malformed setting, or a range that cannot be used
     */
    static InstanceIsolation configure(String setting, Path dataDir, String java, String classpath) {
        String self = Long.toString(ProcessHandle.current().pid());
        Path unisolated = dataDir.resolve("instances").resolve(self);
        if (OFF.equals(setting)) {
            return off(unisolated, classpath, "turned off (instance users 'off'): every instance runs as the"
                    + " gateway's user");
        }
        boolean explicit = !AUTO.equals(setting);
        int[] range = parseRange(explicit ? setting : DEFAULT_RANGE);
        Optional<String> problem = problem(range, java);
        if (problem.isPresent()) {
            if (explicit) {
                throw new IllegalArgumentException("cannot run instances as users " + setting + ": "
                        + problem.get());
            }
            return off(unisolated, classpath, problem.get());
        }
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Path root = prepareRoot((othersReach(tmp, true) ? tmp : Path.of("/tmp")).resolve("fnkit-instances-"
                    + digest(dataDir)));
            Path instances = directory(directory(root.resolve("instances"), TRAVERSE_ONLY).resolve(self),
                    TRAVERSE_ONLY);
            return new InstanceIsolation(range[0], range[1], setpriv().orElseThrow(), root, instances,
                    stage(classpath, directory(root.resolve("lib"), TRAVERSE_ONLY)), null);
        } catch (IOException | UncheckedIOException e) {
            if (explicit) {
                throw new IllegalArgumentException("cannot run instances as users " + setting + ": "
                        + e.getMessage(), e);
            }
            return off(unisolated, classpath, "cannot prepare the instance directories: " + e.getMessage());
        }
    }

    private static InstanceIsolation off(Path instances, String classpath, String reason) {
        return new InstanceIsolation(0, -1, null, null, instances, classpath, reason);
    }

    /**
     * Parses {@code FIRST-LAST}.
     *
     * @throws IllegalArgumentException naming the problem
     */
    static int[] parseRange(String range) {
        String[] parts = range.split("-", -1);
        try {
            if (parts.length == 2) {
                int from = Integer.parseInt(parts[0].strip());
                int to = Integer.parseInt(parts[1].strip());
                if (from >= 1000 && to >= from) {
                    return new int[] {from, to};
                }
            }
        } catch (NumberFormatException ignored) {
            // described below
        }
        throw new IllegalArgumentException("instance users are 'auto', 'off' or a range of user ids FIRST-LAST"
                + " (FIRST at least 1000, LAST not below it), not '" + range + "'");
    }

    /** Why instances cannot run as users of this range here, if they cannot. */
    static Optional<String> problem(int[] range, String java) {
        if (!ProcessUsers.root(ProcessUsers.SELF)) {
            return Optional.of("the gateway does not run as root, so every instance runs as its user and can read"
                    + " the files of the others and the gateway's data directory; run fnkit serve as root to give"
                    + " each instance its own user");
        }
        if (setpriv().isEmpty()) {
            return Optional.of("setpriv (util-linux) is not installed, which instances need to run as their own"
                    + " users");
        }
        if (!mapped(range)) {
            return Optional.of("user ids " + range[0] + "-" + range[1] + " are not all mapped in this user"
                    + " namespace (/proc/self/uid_map)");
        }
        Path command = Path.of(java);
        if (command.isAbsolute() && !othersReach(command, true)) {
            return Optional.of("other users cannot run " + java);
        }
        return Optional.empty();
    }

    private static Optional<String> setpriv() {
        return ProcessUsers.setpriv(ProcessUsers.SETPRIV).map(Path::toString);
    }

    private static boolean mapped(int[] range) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/uid_map"))) {
                String[] fields = line.strip().split("\\s+");
                long inside = Long.parseLong(fields[0]);
                long count = Long.parseLong(fields[2]);
                if (inside <= range[0] && range[1] < inside + count) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** True when instances run as their own users. */
    boolean active() {
        return root != null;
    }

    /** Where instance directories are made. */
    Path instances() {
        return instances;
    }

    /** A search path ({@code PATH}) without the directories instances cannot search (unchanged when off). */
    String searchPath(String path) {
        if (!active()) {
            return path;
        }
        return String.join(File.pathSeparator, java.util.Arrays.stream(path.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty() && othersReach(Path.of(entry), true)).toList());
    }

    /** The worker class path as instances can read it. */
    String classpath() {
        return classpath;
    }

    /** What instances run as, for the log and {@code fnkit doctor}. */
    String describe() {
        return active() ? "each instance runs as its own user (ids " + first + "-" + last + ", via setpriv), in "
                + instances : reason;
    }

    /** A user for a new instance process (-1 when isolation is off); give it back with {@link #release}. */
    int acquire() {
        if (!active()) {
            return -1;
        }
        synchronized (IN_USE) {
            int size = last - first + 1;
            if (cursor < 0) {
                cursor = ThreadLocalRandom.current().nextInt(size);
            }
            for (int tried = 0; tried < size; tried++) {
                int candidate = first + (cursor++ % size + size) % size;
                if (!IN_USE.get(candidate)) {
                    IN_USE.set(candidate);
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("all " + (last - first + 1) + " instance users are in use");
    }

    /** Gives a user back once its process exited. */
    void release(int uid) {
        if (uid >= 0) {
            synchronized (IN_USE) {
                IN_USE.clear(uid);
            }
        }
    }

    /** The command that runs {@code command} as {@code uid} (unchanged when isolation is off). */
    List<String> command(int uid, List<String> command) {
        if (uid < 0) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(setpriv, "--reuid=" + uid, "--regid=" + uid,
                "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Gives an instance's directory, its {@code tmp} and its {@code secrets} (with their files) to {@code uid},
     * owner-only; what else it holds (the linked bundle) stays the gateway's.
     */
    void handOver(Path directory, int uid) throws IOException {
        if (uid < 0) {
            return;
        }
        own(directory, uid);
        for (String own : List.of("tmp", "secrets")) {
            Path child = directory.resolve(own);
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                own(child, uid);
                try (Stream<Path> files = Files.list(child)) {
                    for (Path file : files.toList()) {
                        own(file, uid);
                    }
                }
            }
        }
    }

    /**
     * Where an instance in {@code directory} finds its application's bundle: the bundle itself when isolation is
     * off, else a read-only link of it in {@code <directory>/app}.
     */
    Path bundle(DeployedApp app, Path directory) throws IOException {
        if (!active() || !Files.isDirectory(app.directory())) {
            return app.directory();
        }
        Path staged = directory.resolve("app");
        if (Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
            InstanceLauncher.deleteTree(staged);
        }
        Files.createDirectory(staged);
        link(app.directory(), staged);
        return staged;
    }

    /** A file an instance in {@code directory} must read, linked there read-only as {@code name} when isolated. */
    Path readable(Path file, Path directory, String name) throws IOException {
        if (!active()) {
            return file;
        }
        Path staged = directory.resolve(name);
        Files.deleteIfExists(staged);
        linkFile(file, staged);
        return staged;
    }

    /** Removes the instance root. */
    @Override
    public void close() {
        if (root != null) {
            InstanceLauncher.deleteTree(instances);
            String[] others = instances.getParent().toFile().list();
            if (others != null && others.length == 0) {
                InstanceLauncher.deleteTree(root);
            }
        }
    }

    /**
     * Makes the instance root: the one named after the data directory (so that the class path of class-data
     * archives stays the same across restarts), emptied of the instances of gateways that are gone (a gateway taking
     * over from another on the same data directory runs beside it, each with its own {@code instances/<pid>}),
     * unless someone else holds that name; then a fresh one.
     */
    private static Path prepareRoot(Path named) throws IOException {
        removeStale(named.getParent());
        Path root = named;
        if (Files.exists(named, LinkOption.NOFOLLOW_LINKS) && ours(named)) {
            removeGone(named.resolve("instances"));
        } else {
            try {
                Files.createDirectory(named, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException e) {
                root = Files.createTempDirectory(named.getParent(), "fnkit-instances-");
            }
        }
        if (!ours(root)) {
            throw new IOException(root + " is not a directory of root's");
        }
        Files.setPosixFilePermissions(root, TRAVERSE_ONLY);
        Files.writeString(root.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
        return root;
    }

    /** Removes the instance directories of gateway processes that are gone. */
    private static void removeGone(Path instances) {
        String[] children = instances.toFile().list();
        for (String child : children == null ? new String[0] : children) {
            if (!child.chars().allMatch(Character::isDigit) || ProcessHandle.of(Long.parseLong(child)).isEmpty()) {
                InstanceLauncher.deleteTree(instances.resolve(child));
            }
        }
    }

    /** Removes the instance roots that gateways which are gone left behind (killed before they could). */
    private static void removeStale(Path parent) {
        try (var roots = Files.newDirectoryStream(parent, "fnkit-instances-*")) {
            for (Path root : roots) {
                if (ours(root) && Files.isRegularFile(root.resolve(OWNER), LinkOption.NOFOLLOW_LINKS)
                        && ProcessHandle.of(Long.parseLong(Files.readString(root.resolve(OWNER)).strip())).isEmpty()) {
                    InstanceLauncher.deleteTree(root);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // stale roots only take space
        }
    }

    private static boolean ours(Path root) throws IOException {
        return Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)
                && (Integer) Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS) == 0;
    }

    private static Path directory(Path directory, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException ignored) {
            // made by an earlier start
        }
        Files.setPosixFilePermissions(directory, permissions);
        return directory;
    }

    private static void own(Path path, int uid) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(path, OWNER_ONLY);
        }
    }

    /** The class path with each entry other users cannot read replaced by its link under {@code lib}. */
    private static String stage(String classpath, Path lib) throws IOException {
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : withManifestClassPaths(classpath)) {
            index++;
            Path path = Path.of(entry);
            if (entry.isEmpty() || !Files.exists(path) || othersReach(path, false)) {
                entries.add(entry);
                continue;
            }
            Path staged = lib.resolve(index + "-" + path.getFileName());
            if (!Files.exists(staged, LinkOption.NOFOLLOW_LINKS)
                    || Files.getLastModifiedTime(staged).compareTo(Files.getLastModifiedTime(path)) != 0
                    || Files.isRegularFile(path) && Files.size(staged) != Files.size(path)) {
                InstanceLauncher.deleteTree(staged);
                link(path, staged);
            }
            entries.add(staged.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The class path's entries followed by what their jars' manifests add ({@code Class-Path}, relative to each jar):
     * a jar linked elsewhere would look for those next to its link, where they are not.
     */
    static List<String> withManifestClassPaths(String classpath) {
        Set<String> entries = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(classpath.split(File.pathSeparator)));
        while (!pending.isEmpty()) {
            String entry = pending.removeFirst();
            if (!entries.add(entry) || !entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
                continue;
            }
            for (String relative : manifestClassPath(entry)) {
                Path path = Path.of(entry).toAbsolutePath().getParent().resolve(relative).normalize();
                if (!relative.isEmpty() && !relative.contains(":") && Files.exists(path)) {
                    pending.addLast(path.toString());
                }
            }
        }
        return List.copyOf(entries);
    }

    /** The entries of a jar's {@code Class-Path}; none when it has none or is no jar the JVM could read either. */
    private static List<String> manifestClassPath(String jar) {
        try (JarFile file = new JarFile(jar)) {
            Manifest manifest = file.getManifest();
            String listed = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            return listed == null ? List.of() : List.of(listed.strip().split("\\s+"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** True when other users can read {@code path} (and run it, if {@code execute}) through every parent. */
    static boolean othersReach(Path path, boolean execute) {
        try {
            Path real = path.toRealPath();
            for (Path parent = real.getParent(); parent != null; parent = parent.getParent()) {
                if (!Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            Set<PosixFilePermission> own = Files.getPosixFilePermissions(real);
            return own.contains(PosixFilePermission.OTHERS_READ)
                    && (!execute && !Files.isDirectory(real) || own.contains(PosixFilePermission.OTHERS_EXECUTE));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Links a file, or a directory's files, to {@code target}: hard links (copies across file systems), readable by
     * all and executable by all where the owner may execute, in root-owned directories 0755.
     */
    private static void link(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            linkFile(source, target);
            return;
        }
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(copy);
                    Files.setPosixFilePermissions(copy, READABLE_DIRECTORY);
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    linkFile(path, copy);
                }
            }
        }
    }

    private static void linkFile(Path source, Path target) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(source);
        if (permissions.add(PosixFilePermission.OTHERS_READ)
                | permissions.contains(PosixFilePermission.OWNER_EXECUTE)
                && permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
            Files.setPosixFilePermissions(source, permissions);
        }
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String digest(Path dataDir) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(dataDir.toAbsolutePath().normalize().toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
