package dev.fnkit.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether the self-hosted runtime can run each instance as its own OS user, so that no function reads another's
 * files or the gateway's data directory: it must run as root (the owner of {@code self}) and have {@code setpriv}.
 * Reads only.
 *
 * @param self    a directory owned by this process's user, normally {@code /proc/self}
 * @param setpriv where {@code setpriv} may be installed
 */
record IsolationCheck(Path self, List<Path> setpriv) {
    /** The check of this process. */
    static IsolationCheck current() {
        return new IsolationCheck(ProcessUsers.SELF, ProcessUsers.SETPRIV);
    }

    DoctorCommand.Check check() {
        Optional<Path> program = ProcessUsers.setpriv(setpriv);
        if (!ProcessUsers.root(self)) {
            return warn("fnkit serve does not run as root here, so its instances run as its user and can read"
                    + " each other's files and the data directory; run it as root to give each instance its own"
                    + " user");
        }
        if (program.isEmpty()) {
            return warn("setpriv not found, so fnkit serve runs every instance as root; install util-linux"
                    + " (Debian/Ubuntu: apt-get install util-linux)");
        }
        return new DoctorCommand.Check(DoctorCommand.Status.OK, "self-hosted: root and " + program.get()
                + ": each instance runs as its own user (fnkit serve --instance-uids)");
    }

    private static DoctorCommand.Check warn(String why) {
        return new DoctorCommand.Check(DoctorCommand.Status.WARN, "self-hosted: " + why);
    }
}
