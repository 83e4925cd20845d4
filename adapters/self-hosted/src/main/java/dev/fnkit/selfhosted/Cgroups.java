package dev.fnkit.selfhosted;

import dev.fnkit.local.ProcessCgroups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * OS limits for instances through Linux control groups: each instance gets its own group, under one parent per
 * gateway ({@code fnkit/<gateway pid>-<n>}), with a memory limit (the kernel kills a process tree that exceeds it) and a
 * process-count limit, removed when the instance exits. With cgroup v2 (a writable {@code cgroup2} mount at
 * {@code /sys/fs/cgroup}) the parent sits under its root; with v1 (writable {@code memory} and {@code pids}
 * hierarchies) under the gateway's own group in each. When neither can be written, {@link #available()} is false
 * and {@link #reason()} says why: instances then get heap flags only.
 */
final class Cgroups implements AutoCloseable {
    /** The memory an instance may use beyond its {@code memoryMb}: the JVM's own (metaspace, code, threads). */
    static final int OVERHEAD_MB = 64;
    /** The most processes and threads one instance may have. */
    static final int PIDS_MAX = 1024;

    /** One instance's group (a directory per hierarchy). */
    static final class Group {
        private final List<Path> directories;

        private Group(List<Path> directories) {
            this.directories = directories;
        }

        /** Moves a process (and what it starts later) into the group. */
        void add(long pid) throws IOException {
            for (Path directory : directories) {
                Files.writeString(directory.resolve("cgroup.procs"), Long.toString(pid));
            }
        }

        /** Removes the group; it must be empty, so this retries briefly while the last processes are reaped. */
        void remove() {
            for (Path directory : directories) {
                for (int attempt = 0; attempt < 40 && Files.exists(directory); attempt++) {
                    try {
                        Files.delete(directory);
                    } catch (IOException e) {
                        sleep(50);
                    }
                }
            }
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger GATEWAYS =
            new java.util.concurrent.atomic.AtomicInteger();

    private final List<Path> parents;
    private final boolean v2;
    private final String reason;

    private Cgroups(List<Path> parents, boolean v2, String reason) {
        this.parents = parents;
        this.v2 = v2;
        this.reason = reason;
    }

    /** Finds a writable cgroup hierarchy under {@code root} (normally {@code /sys/fs/cgroup}) and prepares a parent. */
    static Cgroups detect(Path root) {
        String pid = ProcessHandle.current().pid() + "-" + GATEWAYS.incrementAndGet();
        try {
            if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
                return v2(root, pid);
            }
            if (Files.isDirectory(root.resolve("memory")) && Files.isDirectory(root.resolve("pids"))) {
                return v1(root, pid);
            }
            return unavailable("no cgroup2 mount and no cgroup v1 memory and pids hierarchies at " + root);
        } catch (IOException | RuntimeException e) {
            return unavailable("cannot create cgroups under " + root + " (" + e.getMessage() + ")");
        }
    }

    static Cgroups unavailable(String reason) {
        return new Cgroups(List.of(), false, reason);
    }

    private static Cgroups v2(Path root, String pid) throws IOException {
        String controllers = Files.readString(root.resolve("cgroup.controllers"));
        if (!controllers.contains("memory") || !controllers.contains("pids")) {
            return unavailable("the cgroup2 mount at " + root + " lacks the memory or pids controller");
        }
        Path fnkit = root.resolve("fnkit");
        enable(root);
        Files.createDirectories(fnkit);
        enable(fnkit);
        Path parent = fnkit.resolve(pid);
        Files.createDirectories(parent);
        enable(parent);
        removeStale(List.of(fnkit));
        return probe(new Cgroups(List.of(parent), true, null));
    }

    private static Cgroups v1(Path root, String pid) throws IOException {
        List<Path> parents = new ArrayList<>();
        for (String hierarchy : List.of("memory", "pids")) {
            Path own = root.resolve(hierarchy).resolve(ProcessCgroups.group(ProcessCgroups.SELF, hierarchy));
            Path fnkit = own.resolve("fnkit");
            Files.createDirectories(fnkit);
            removeStale(List.of(fnkit));
            Path parent = fnkit.resolve(pid);
            Files.createDirectories(parent);
            parents.add(parent);
        }
        return probe(new Cgroups(parents, false, null));
    }

    /** Creates and removes a group, so that a hierarchy that takes directories but not limits is not used. */
    private static Cgroups probe(Cgroups cgroups) throws IOException {
        Group group = cgroups.create("probe", 64);
        group.remove();
        return cgroups;
    }

    private static void enable(Path group) throws IOException {
        Path control = group.resolve("cgroup.subtree_control");
        String enabled = Files.readString(control);
        if (!enabled.contains("memory") || !enabled.contains("pids")) {
            Files.writeString(control, "+memory +pids");
        }
    }

    /** Removes the groups of gateways that are gone. */
    private static void removeStale(List<Path> fnkitDirectories) throws IOException {
        for (Path fnkit : fnkitDirectories) {
            try (Stream<Path> gateways = Files.list(fnkit)) {
                for (Path gateway : gateways.toList()) {
                    Optional<ProcessHandle> owner = parsePid(gateway.getFileName().toString())
                            .flatMap(ProcessHandle::of);
                    if (Files.isDirectory(gateway) && owner.isEmpty()) {
                        removeTree(gateway);
                    }
                }
            }
        }
    }

    private static Optional<Long> parsePid(String name) {
        int dash = name.indexOf('-');
        try {
            return Optional.of(Long.parseLong(dash < 0 ? name : name.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void removeTree(Path group) throws IOException {
        try (Stream<Path> children = Files.list(group)) {
            for (Path child : children.toList()) {
                if (Files.isDirectory(child)) {
                    removeTree(child);
                }
            }
        }
        try {
            Files.delete(group);
        } catch (IOException ignored) {
            // still has processes: left for the next start
        }
    }

    /** True when instances get groups. */
    boolean available() {
        return !parents.isEmpty();
    }

    /** Why instances get no groups, or null when they do. */
    String reason() {
        return reason;
    }

    /** What is used, for the log. */
    String describe() {
        return available() ? (v2 ? "cgroup v2 under " : "cgroup v1 under ") + parents
                : "heap flags only: " + reason;
    }

    /**
     * Creates the group of one instance.
     *
     * @param id       the instance id (a directory name)
     * @param memoryMb the memory limit, without {@link #OVERHEAD_MB} (added here)
     * @throws IOException when the group cannot be created or limited
     */
    Group create(String id, int memoryMb) throws IOException {
        long bytes = (long) (memoryMb + OVERHEAD_MB) * 1024 * 1024;
        List<Path> directories = new ArrayList<>();
        Group group = new Group(directories);
        try {
            for (Path parent : parents) {
                Path directory = parent.resolve(id);
                Files.createDirectories(directory);
                directories.add(directory);
            }
            if (v2) {
                Path directory = directories.get(0);
                Files.writeString(directory.resolve("memory.max"), Long.toString(bytes));
                writeIfPresent(directory.resolve("memory.swap.max"), "0");
                Files.writeString(directory.resolve("pids.max"), Integer.toString(PIDS_MAX));
            } else {
                Path memory = directories.get(0);
                Files.writeString(memory.resolve("memory.limit_in_bytes"), Long.toString(bytes));
                writeIfPresent(memory.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes));
                Files.writeString(directories.get(1).resolve("pids.max"), Integer.toString(PIDS_MAX));
            }
            return group;
        } catch (IOException | RuntimeException e) {
            group.remove();
            throw e;
        }
    }

    private static void writeIfPresent(Path file, String value) {
        if (Files.exists(file)) {
            try {
                Files.writeString(file, value);
            } catch (IOException ignored) {
                // swap accounting off in this kernel: the memory limit still holds
            }
        }
    }

    /** Removes this gateway's parent groups (instances' groups are removed as they exit). */
    @Override
    public void close() {
        for (Path parent : parents) {
            try {
                removeTree(parent);
            } catch (IOException ignored) {
                // gone already
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
