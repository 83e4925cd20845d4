package dev.fnkit.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** This process's cgroup v1 groups as {@code /proc/self/cgroup} lists them, for {@code fnkit doctor} and runtimes. */
public final class ProcessCgroups {
    /** The file the kernel lists this process's groups in. */
    public static final Path SELF = Path.of("/proc/self/cgroup");

    private ProcessCgroups() {
    }

    /**
     * The group (relative to the hierarchy's mount, without a leading slash) that {@code listing} names for the v1
     * {@code hierarchy}, such as {@code memory} or {@code pids}; empty for the root or when the listing has none.
     */
    public static String group(Path listing, String hierarchy) throws IOException {
        if (Files.isReadable(listing)) {
            for (String line : Files.readAllLines(listing, StandardCharsets.UTF_8)) {
                String[] parts = line.split(":", 3);
                if (parts.length == 3 && List.of(parts[1].split(",")).contains(hierarchy)) {
                    return parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
                }
            }
        }
        return "";
    }
}
