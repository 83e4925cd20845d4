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
        Path work = Files.createDirectories(temp.resolve("work"));
        return new DoctorCommand.Machine(env, Files.createDirectories(temp.resolve("home")), work,
                Runtime.Version.parse(java), "/opt/java", port -> portFree);
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
