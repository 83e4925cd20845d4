package dev.fnkit.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import dev.fnkit.local.CliCommand;
import dev.fnkit.local.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrateCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void isACommandOfTheCli() {
        assertThat(ServiceLoader.load(CliCommand.class).stream().map(ServiceLoader.Provider::type))
                .contains(MigrateCommand.class);
        assertThat(new MigrateCommand().usage()).contains("fnkit migrate target/classes");
    }

    @Test
    void readsAJarAndPrintsJson(@TempDir Path dir) throws Exception {
        Path jar = jar(dir.resolve("lambda.jar"), MigrationTest.FIXTURES.resolve("aws"));
        assertThat(run(jar.toString(), "--json")).isZero();
        JsonNode report = Json.tree(out.toByteArray());
        assertThat(report.get("classes").asInt()).isEqualTo(9);
        assertThat(report.get("handlers")).hasSize(6);
        JsonNode api = report.get("handlers").get(0);
        assertThat(api.get("function").asText()).isEqualTo("echo-http-api");
        assertThat(api.get("compat").asText()).startsWith("AwsCompat.http(");
        assertThat(report.get("suggestedApp").asText()).contains("implements FunctionApp");
    }

    @Test
    void printsAReadableReport() throws Exception {
        assertThat(run(MigrationTest.FIXTURES.resolve("aws").toString())).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Found 6 handlers.")
                .contains("orders-queue  (AWS Lambda RequestHandler)")
                .contains("  trigger:   SQS queue")
                .contains("NOT PORTABLE: Context.getClientContext()")
                .contains("public final class MigratedFunctions implements FunctionApp {");
    }

    @Test
    void saysSoWhenThereIsNoHandler(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("classes"));
        assertThat(run(dir.resolve("classes").toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Read 0 classes").contains("No AWS Lambda");
    }

    @Test
    void skipsClassFilesItCannotRead(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("Broken.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2});
        assertThat(run(dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("warning: skipped Broken.class: not a readable");
    }

    @Test
    void rejectsWrongArguments(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> run()).isInstanceOf(UsageException.class)
                .hasMessage("fnkit migrate: name at least one classes folder or jar");
        assertThatThrownBy(() -> run("no/such/dir")).isInstanceOf(UsageException.class)
                .hasMessage("fnkit migrate: no such folder or jar: no/such/dir");
        assertThatThrownBy(() -> run("target/classes", "--xml")).isInstanceOf(UsageException.class)
                .hasMessage("fnkit migrate: unknown option --xml");
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a jar");
        assertThatThrownBy(() -> run(text.toString())).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a classes folder, a jar or a class file");
    }

    private int run(String... args) throws Exception {
        return new MigrateCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path jar(Path jar, Path classes) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry("com/example/" + classes.relativize(path)));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
        }
        return jar;
    }
}
