package dev.fnkit.selfhosted;

import dev.fnkit.local.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class InstanceIsolationTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path temp;

    @Test
    void aRangeIsTwoUserIdsFromOneThousandUp() {
        assertThat(InstanceIsolation.parseRange("200000-200009")).containsExactly(200000, 200009);
        for (String bad : List.of("", "200000", "5-10", "300-200", "a-b", "200000-100000", "1-2-3")) {
            assertThatThrownBy(() -> InstanceIsolation.parseRange(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'auto', 'off' or a range of user ids FIRST-LAST").hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> Gateway.builder().instanceUsers("0-100")).isInstanceOf(IllegalArgumentException.class);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ServeCommand.run(List.of("--instance-uids", "nobody"), quiet, quiet))
                .isInstanceOf(UsageException.class).hasMessageContaining("--instance-uids: instance users are");
    }

    @Test
    void offRunsInstancesAsTheGatewaysUserInTheDataDirectory() {
        InstanceIsolation off = InstanceIsolation.configure(InstanceIsolation.OFF, temp, JAVA, "a.jar");
        assertThat(off.active()).isFalse();
        assertThat(off.instances())
                .isEqualTo(temp.resolve("instances").resolve(Long.toString(ProcessHandle.current().pid())));
        assertThat(off.classpath()).isEqualTo("a.jar");
        assertThat(off.acquire()).isEqualTo(-1);
        assertThat(off.command(-1, List.of("java", "-version"))).containsExactly("java", "-version");
        assertThat(off.describe()).contains("turned off");
    }

    /** As root: distinct users, a wrapped command, an owner-only directory, a class path other users can read. */
    @Test
    void asRootEachInstanceGetsItsOwnUserAndDirectory() throws IOException {
        Optional<String> problem = InstanceIsolation.problem(InstanceIsolation.parseRange("190000-190003"), JAVA);
        assumeTrue(problem.isEmpty(), () -> "instances cannot run as their own users here: " + problem.orElseThrow());
        Path hidden = Files.createDirectories(temp.resolve("hidden"));
        Files.setPosixFilePermissions(hidden, PosixFilePermissions.fromString("rwx------"));
        Path jar = Files.writeString(hidden.resolve("lib.jar"), "jar");
        Path open = Files.writeString(temp.resolve("open.jar"), "open");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
        Path root;
        try (InstanceIsolation isolation = InstanceIsolation.configure("190000-190003", temp.resolve("data"), JAVA,
                jar + File.pathSeparator + open)) {
            assertThat(isolation.active()).isTrue();
            String[] classpath = isolation.classpath().split(File.pathSeparator);
            assertThat(classpath[0]).doesNotStartWith(hidden.toString()).endsWith("lib.jar");
            assertThat(Path.of(classpath[0])).hasContent("jar");
            assertThat(InstanceIsolation.othersReach(Path.of(classpath[0]), false)).isTrue();
            assertThat(classpath[1]).isEqualTo(open.toString());
            assertThat(isolation.searchPath(hidden + File.pathSeparator + "/usr/bin")).isEqualTo("/usr/bin");

            Set<Integer> users = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                users.add(isolation.acquire());
            }
            assertThat(users).containsExactlyInAnyOrder(190000, 190001, 190002, 190003);
            assertThatThrownBy(isolation::acquire).hasMessageContaining("all 4 instance users are in use");
            isolation.release(190002);
            assertThat(isolation.acquire()).isEqualTo(190002);
            users.forEach(isolation::release);

            assertThat(isolation.command(190001, List.of("java"))).endsWith("--reuid=190001", "--regid=190001",
                    "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--", "java");
            Path directory = Files.createDirectories(isolation.instances().resolve("i-1").resolve("secrets"))
                    .getParent();
            Files.writeString(directory.resolve("secrets/s"), "v");
            isolation.handOver(directory, 190001);
            for (Path owned : List.of(directory, directory.resolve("secrets"), directory.resolve("secrets/s"))) {
                assertThat(Files.getAttribute(owned, "unix:uid")).as(owned.toString()).isEqualTo(190001);
                assertThat(Files.getAttribute(owned, "unix:gid")).as(owned.toString()).isEqualTo(190001);
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
            root = isolation.instances().getParent().getParent();
        }
        assertThat(root).doesNotExist();
    }

    /**
     * A jar whose manifest names its libraries ({@code Class-Path: lib/...}, as the CLI jar's does) brings them onto
     * the class path by their own paths, so that a link of the jar made for instances does not lose them.
     */
    @Test
    void manifestClassPathsAreListedByTheirOwnPaths() throws IOException {
        Path lib = Files.createDirectories(temp.resolve("cli/lib"));
        Path netty = Files.writeString(lib.resolve("netty.jar"), "not read: it has no manifest to follow");
        Path cli = temp.resolve("cli/cli.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, "lib/netty.jar lib/missing.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(cli), manifest)) {
            out.flush();
        }
        assertThat(InstanceIsolation.withManifestClassPaths(cli + File.pathSeparator + "other.jar"))
                .containsExactly(cli.toString(), "other.jar", netty.toString());
    }
}
