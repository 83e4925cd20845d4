package dev.fnkit.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether the self-hosted runtime can give instances memory and process limits: a cgroup v2 mount with the
 * {@code memory} and {@code pids} controllers and a writable root, or cgroup v1 {@code memory} and {@code pids}
 * hierarchies where this process's own groups are writable. Reads only; creates nothing.
 *
 * @param root the cgroup mount, normally {@code /sys/fs/cgroup}
 * @param self this process's groups, normally {@code /proc/self/cgroup}
 */
record CgroupCheck(Path root, Path self) {
    private static final String FIX = "instances get heap flags only, no memory or process limit; for limits run"
            + " fnkit serve as root or give its user write access to that cgroup";

    DoctorCommand.Check check() {
        try {
            if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
                return v2();
            }
            if (Files.isDirectory(root.resolve("memory")) && Files.isDirectory(root.resolve("pids"))) {
                return v1();
            }
            return missing("no cgroup2 mount and no cgroup v1 memory and pids hierarchies at " + root);
        } catch (IOException e) {
            return missing("cannot read the cgroups at " + root + " (" + e.getMessage() + ")");
        }
    }

    private DoctorCommand.Check v2() throws IOException {
        String controllers = Files.readString(root.resolve("cgroup.controllers"));
        if (!controllers.contains("memory") || !controllers.contains("pids")) {
            return missing("the cgroup v2 mount at " + root + " lacks the memory or pids controller");
        }
        if (!Files.isWritable(root) || !Files.isWritable(root.resolve("cgroup.subtree_control"))) {
            return missing("the cgroup v2 mount at " + root + " is not writable");
        }
        return ok("cgroup v2 at " + root + " is writable");
    }

    private DoctorCommand.Check v1() throws IOException {
        for (String hierarchy : List.of("memory", "pids")) {
            Path group = root.resolve(hierarchy).resolve(ProcessCgroups.group(self, hierarchy));
            if (!Files.isDirectory(group) || !Files.isWritable(group)) {
                return missing("the cgroup v1 " + hierarchy + " group " + group + " is missing or not writable");
            }
        }
        return ok("cgroup v1 memory and pids groups under " + root + " are writable");
    }

    private static DoctorCommand.Check ok(String what) {
        return new DoctorCommand.Check(DoctorCommand.Status.OK, "self-hosted: " + what
                + ": instances get memory and process limits");
    }

    private static DoctorCommand.Check missing(String why) {
        return new DoctorCommand.Check(DoctorCommand.Status.MISSING, "self-hosted: " + why + "; " + FIX);
    }
}
