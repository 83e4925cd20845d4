package dev.fnkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.FunctionsManifest;
import dev.fnkit.core.Json;
import dev.fnkit.core.Packager;
import dev.fnkit.local.packaging.LocalRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PackageCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path temp;

    @Test
    void packagesAJarWithThePackagersGivenAndPrintsTheReportAsJson() throws Exception {
        Path jar = appJar();
        Path packagers = Files.createDirectories(temp.resolve("packagers/META-INF/services"));
        Files.writeString(packagers.resolve(Packager.class.getName()),
                "dev.fnkit.local.packaging.StubPackager\n");

        int status = fnkit("package", jar.toString(), "--packagers", temp.resolve("packagers").toString(),
                "--targets", "stub", "--settings", "stub.budget=1", "--json");

        assertThat(status).as(err()).isZero();
        Path fnkit = temp.resolve("target/fnkit");
        assertThat(fnkit.resolve("stub/functions.txt")).hasContent("hello");
        FunctionsManifest manifest = FunctionsManifest.read(fnkit.resolve("functions.json"));
        assertThat(manifest.app()).isEqualTo("shop");
        assertThat(manifest.version()).isEqualTo("2.0.1-SNAPSHOT");
        JsonNode report = Json.tree(out.toByteArray());
        assertThat(report).isEqualTo(Json.tree(Files.readAllBytes(fnkit.resolve("report.json"))));
        assertThat(report.get("targets").get(0).get("target").asText()).isEqualTo("stub");
        assertThat(report.get("targets").get(0).get("files").get(0).get("size").asLong()).isEqualTo(5);
        assertThat(report.get("warnings").get(0).asText())
                .isEqualTo("stub/functions.txt is 5 B, past its budget of 1 B (set stub.budget to change it)");
        assertThat(err()).contains("fnkit package: packaging " + jar.getFileName() + " (", " for stub into "
                        + temp.resolve("target/fnkit") + " ...\n", "Packaged for stub in",
                "WARNING: stub/functions.txt is 5 B").containsPattern("fnkit package: done in \\d+\\.\\d s");
    }

    @Test
    void withoutJsonItSaysWhereTheReportIsAndRepeatsTheWarnings() throws Exception {
        Path jar = appJar();
        Path packagers = Files.createDirectories(temp.resolve("packagers/META-INF/services"));
        Files.writeString(packagers.resolve(Packager.class.getName()),
                "dev.fnkit.local.packaging.StubPackager\n");

        int status = fnkit("package", jar.toString(), "--out", temp.resolve("out").toString(), "--packagers",
                temp.resolve("packagers").toString(), "--targets", "stub", "--settings", "stub.totalBudget=2");

        assertThat(status).as(err()).isZero();
        assertThat(out()).startsWith("fnkit package: 1 targets in " + temp.resolve("out"))
                .contains(", 1 warning; report in " + temp.resolve("out/report.json"))
                .containsPattern(" in \\d+\\.\\d s")
                .endsWith("WARNING: stub is 5 B in total, past its budget of 2 B (set stub.totalBudget to change it)\n");
        assertThat(err()).contains("for stub into " + temp.resolve("out") + " ...");
        assertThat(temp.resolve("out/functions.json")).exists();
    }

    @Test
    void anUnknownTargetFailsWithExitStatusOne() throws Exception {
        int status = fnkit("package", appJar().toString(), "--targets", "nowhere,aws");

        assertThat(status).isEqualTo(1);
        assertThat(err()).isEqualTo("fnkit package: --targets names [nowhere], which no packager is for: fnkit"
                + " packages for aws, azure, gcp, self-hosted, kubernetes and the targets of the packagers given with"
                + " --packagers\n");
    }

    @Test
    void aTargetWhosePackagerIsNotInTheLocalRepositoryIsOneLineSayingHowToInstallIt() throws Exception {
        Path repository = temp.resolve("empty-repository");
        PackageCommand command = new PackageCommand(() -> new LocalRepository(repository, List.of(), false));

        int status = command.run(List.of(appJar().toString(), "--targets", "gcp,aws"), stream(out), stream(err));

        assertThat(status).isEqualTo(1);
        assertThat(err()).isEqualTo("fnkit package: dev.fnkit:fnkit-aws:" + FnkitCli.version() + ", the aws"
                + " packager, is not in the local Maven repository " + repository + ": install it from a fnkit"
                + " checkout with `./mvnw install -pl adapters/aws -am -DskipTests`, or leave aws out with"
                + " --targets\n");
        assertThat(out()).isEmpty();
        assertThat(temp.resolve("target/fnkit")).doesNotExist();
    }

    @Test
    void aMissingJarOrWrongArgumentsAreClear() {
        assertThat(fnkit("package", temp.resolve("none.jar").toString())).isEqualTo(1);
        assertThat(err()).contains("none.jar is not a jar file");
        assertThat(fnkit("package")).isEqualTo(2);
        assertThat(err()).contains("fnkit package: name one application jar", "Usage: fnkit package <app.jar>");
        assertThat(fnkit("package", "a.jar", "--settings", "nonsense")).isEqualTo(2);
        assertThat(err()).contains("--settings takes KEY=VALUE pairs");
    }

    @Test
    void theJarNameGivesTheNameAndVersion() {
        assertThat(PackageCommand.nameAndVersion("hello-1.0.jar")).containsExactly("hello", "1.0");
        assertThat(PackageCommand.nameAndVersion("my-app-2.1-SNAPSHOT.jar")).containsExactly("my-app", "2.1-SNAPSHOT");
        assertThat(PackageCommand.nameAndVersion("app.jar")).containsExactly("app", "0.0.0");
    }

    private Path appJar() throws Exception {
        Path classes = temp.resolve("classes");
        TestAppCompiler.compile(classes, Map.of("shop.App", TestAppCompiler.httpApp("shop", "App", "hello", "GET",
                "/hello"), "shop.Reply", TestAppCompiler.reply("shop", "hi")));
        TestAppCompiler.declare(classes, "shop.App");
        return TestAppCompiler.jar(classes, temp.resolve("target/shop-2.0.1-SNAPSHOT.jar"), name -> false);
    }

    private int fnkit(String... args) {
        return FnkitCli.execute(args, stream(out), stream(err));
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
