package dev.fnkit.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether this process can start others as other users: it runs as root and {@code setpriv} (util-linux) is there;
 * for {@code fnkit doctor} and the self-hosted runtime.
 */
public final class ProcessUsers {
    /** A directory owned by this process's (effective) user. */
    public static final Path SELF = Path.of("/proc/self");
    /** Where {@code setpriv} is looked for. */
    public static final List<Path> SETPRIV = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"),
            Path.of("/usr/sbin/setpriv"));

    private ProcessUsers() {
    }

    /** True when {@code self} (normally {@link #SELF}) belongs to root. */
    public static boolean root(Path self) {
        try {
            return ((Integer) Files.getAttribute(self, "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The first of {@code candidates} (normally {@link #SETPRIV}) that can be run. */
    public static Optional<Path> setpriv(List<Path> candidates) {
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
