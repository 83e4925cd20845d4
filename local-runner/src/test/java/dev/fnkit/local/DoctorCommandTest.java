package dev.fnkit.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DoctorCommandTest {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Path bin() throws IOException {
        return Files.createDirectories(temp.resolve("bin"));
    }

    private Path program(String name) throws IOException {
        Path file = Files.writeString(bin().resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private DoctorCommand.Machine machine(Map<String, String> env, String java, boolean portFree) throws IOException {
        return machine(env, java, portFree, new CgroupCheck(temp.resolve("no-cgroups"), temp.resolve("no-self")));
    }

    private DoctorCommand.Machine machine(Map<String, String> env, String java, boolean portFree, CgroupCheck cgroups)
            throws IOException {
        return machine(env, java, portFree, cgroups, new IsolationCheck(Files.createDirectories(temp.resolve("self")),
                List.of(temp.resolve("bin/setpriv"))));
    }

    private DoctorCommand.Machine machine(Map<String, String> env, String java, boolean portFree, CgroupCheck cgroups,
                                          IsolationCheck isolation) throws IOException {
        Path work = Files.createDirectories(temp.resolve("work"));
        return new DoctorCommand.Machine(env, Files.createDirectories(temp.resolve("home")), work,
                Runtime.Version.parse(java), "/opt/java", port -> portFree, cgroups, isolation);
    }

    private int doctor(DoctorCommand.Machine machine) throws Exception {
        return new DoctorCommand(machine).run(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void essentialsPresentAndToolsReportedOneByOne() throws Exception {
        Path mvn = program("mvn");
        Path gcloud = program("gcloud");
        int status = doctor(machine(Map.of("PATH", bin().toString()), "17.0.9", true));

        assertThat(status).isZero();
        assertThat(out()).contains(
                "  ok    Java 17.0.9 (/opt/java)\n",
                "  ok    Maven: " + mvn + "\n",
                "  ok    data directory " + temp.resolve("home/.fnkit") + " (set FNKIT_DATA_DIR to use another) will be"
                        + " created on first use\n",
                "  ok    port 8080 is free for fnkit run\n",
                "  ok    gcp: gcloud (" + gcloud + ") runs target/fnkit/gcp/deploy.sh\n",
                "  --    aws: sam not found; it deploys target/fnkit/aws/template.yaml (sam deploy); install the AWS"
                        + " SAM CLI",
                "  --    self-hosted: runc not found;");
        assertThat(out()).endsWith("The essentials are fine.\n");
    }

    @Test
    void oldJavaNoMavenAndAnUnwritableDataDirectoryFail() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            int status = doctor(machine(Map.of("PATH", bin().toString(), "FNKIT_DATA_DIR", data.toString()),
                    "11.0.2", false));
            assertThat(status).isEqualTo(1);
            assertThat(out()).contains("  FAIL  Java 11.0.2 (/opt/java); fnkit needs Java 17 or newer",
                    "  FAIL  Maven: no mvnw here or above, and no mvn on the PATH; install Maven 3.9 or newer",
                    "  warn  port 8080 is in use; run with --port N");
            if (!Files.isWritable(data)) {
                assertThat(out()).contains("  FAIL  data directory " + data + " (from FNKIT_DATA_DIR) is not writable")
                        .endsWith("3 essential checks failed: see FAIL above.\n");
            }
        } finally {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aPathWithoutContainerToolsOrChromiumSaysWhatToInstall() throws Exception {
        program("mvn");
        Path chromium = program("chromium-browser");
        assertThat(doctor(machine(Map.of("PATH", bin().toString()), "21", true))).isZero();
        assertThat(out()).contains(
                "  --    self-hosted: runc not found; it runs instances in containers; install runc (Debian/Ubuntu:"
                        + " apt-get install runc)\n",
                "  --    self-hosted: umoci not found; it unpacks OCI images for runc; install umoci",
                "  ok    ui tests: chromium-browser (" + chromium + ") runs the self-hosted /ui browser tests",
                "  --    ui tests: chromedriver not found; it drives Chromium in the /ui browser tests; install"
                        + " chromedriver");
        Files.delete(chromium);
        Path runc = program("runc");
        out.reset();
        assertThat(doctor(machine(Map.of("PATH", bin().toString()), "21", true))).isZero();
        assertThat(out()).contains("  ok    self-hosted: runc (" + runc + ") runs instances in containers\n",
                "  --    ui tests: chromium (or chromium-browser, google-chrome) not found; it runs the self-hosted"
                        + " /ui browser tests (headless); install Chromium");
    }

    @Test
    void reportsWhetherInstancesCanGetCgroupMemoryLimits() throws Exception {
        program("mvn");
        Map<String, String> path = Map.of("PATH", bin().toString());
        doctor(machine(path, "21", true));
        assertThat(out()).contains("  --    self-hosted: no cgroup2 mount and no cgroup v1 memory and pids hierarchies at "
                + temp.resolve("no-cgroups") + "; instances get heap flags only, no memory or process limit;");

        Path v2 = Files.createDirectories(temp.resolve("v2"));
        Files.writeString(v2.resolve("cgroup.controllers"), "cpuset cpu io pids\n");
        Files.writeString(v2.resolve("cgroup.subtree_control"), "");
        out.reset();
        doctor(machine(path, "21", true, new CgroupCheck(v2, temp.resolve("no-self"))));
        assertThat(out()).contains("  --    self-hosted: the cgroup v2 mount at " + v2
                + " lacks the memory or pids controller; instances get heap flags only");
        Files.writeString(v2.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        out.reset();
        doctor(machine(path, "21", true, new CgroupCheck(v2, temp.resolve("no-self"))));
        if (Files.isWritable(v2.resolve("cgroup.subtree_control"))) {
            assertThat(out()).contains("  ok    self-hosted: cgroup v2 at " + v2
                    + " is writable: instances get memory and process limits\n");
        }

        Path v1 = temp.resolve("v1");
        Files.createDirectories(v1.resolve("memory/gateway/7"));
        Files.createDirectories(v1.resolve("pids"));
        Path self = Files.writeString(temp.resolve("self-cgroup"), "8:pids:/\n4:memory:/gateway/7\n0::/\n");
        out.reset();
        doctor(machine(path, "21", true, new CgroupCheck(v1, self)));
        assertThat(out()).contains("  ok    self-hosted: cgroup v1 memory and pids groups under " + v1
                + " are writable: instances get memory and process limits\n");
        Files.writeString(self, "8:pids:/\n4:memory:/elsewhere\n");
        out.reset();
        doctor(machine(path, "21", true, new CgroupCheck(v1, self)));
        assertThat(out()).contains("  --    self-hosted: the cgroup v1 memory group " + v1.resolve("memory/elsewhere")
                + " is missing or not writable; instances get heap flags only");
    }

    @Test
    void reportsWhetherInstancesCanRunAsTheirOwnUsers() throws Exception {
        program("mvn");
        Map<String, String> path = Map.of("PATH", bin().toString());
        CgroupCheck cgroups = new CgroupCheck(temp.resolve("no-cgroups"), temp.resolve("no-self"));
        Path self = Files.createDirectories(temp.resolve("self"));
        boolean root = (Integer) Files.getAttribute(self, "unix:uid") == 0;
        Path other = Files.createDirectories(temp.resolve("other"));
        if (root) {
            Files.setAttribute(other, "unix:uid", 4321);
        }
        Path setpriv = temp.resolve("bin/setpriv");
        doctor(machine(path, "21", true, cgroups, new IsolationCheck(root ? other : self, List.of(setpriv))));
        assertThat(out()).contains("  warn  self-hosted: fnkit serve does not run as root here, so its instances run"
                + " as its user and can read each other's files and the data directory;");
        if (root) {
            out.reset();
            doctor(machine(path, "21", true, cgroups, new IsolationCheck(self, List.of(setpriv))));
            assertThat(out()).contains("  warn  self-hosted: setpriv not found, so fnkit serve runs every instance"
                    + " as root;");
            program("setpriv");
            out.reset();
            doctor(machine(path, "21", true, cgroups, new IsolationCheck(self, List.of(setpriv))));
            assertThat(out()).contains("  ok    self-hosted: root and " + setpriv
                    + ": each instance runs as its own user (fnkit serve --instance-uids)\n");
        }
    }

    @Test
    void aMavenWrapperAboveTheWorkingDirectoryCounts() throws Exception {
        Path wrapper = program("mvnw");
        Files.move(wrapper, temp.resolve("mvnw"));
        assertThat(doctor(machine(Map.of("PATH", ""), "21", true))).isZero();
        assertThat(out()).contains("  ok    Maven: the wrapper " + temp.resolve("mvnw") + "\n");
    }

    @Test
    void takesNoArguments() {
        assertThatThrownBy(() -> new DoctorCommand(DoctorCommand.Machine.current()).run(List.of("now"),
                new PrintStream(out), new PrintStream(out))).isInstanceOf(UsageException.class)
                .hasMessage("fnkit doctor: unexpected argument 'now'");
    }
}
