package dev.fnkit.gcp;

import dev.fnkit.core.Application;
import dev.fnkit.core.PackagingContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GcpPackagerTest {
    @TempDir
    Path temp;

    private Path out;
    private final List<String> log = new ArrayList<>();

    private static Path jar(Path path, String entry) throws IOException {
        Files.createDirectories(path.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Implementation-Title", "test");
        try (OutputStream file = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(file, manifest)) {
            jar.putNextEntry(new JarEntry(entry));
            jar.write(entry.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return path;
    }

    @BeforeEach
    void pack() throws IOException {
        Path appJar = jar(temp.resolve("build/shop-1.0.jar"), "com/example/Shop.class");
        List<Path> dependencies = List.of(jar(temp.resolve("repo/fnkit-api-0.1.0-SNAPSHOT.jar"), "a.class"),
                jar(temp.resolve("repo/functions-framework-api-2.0.0.jar"), "b.class"),
                jar(temp.resolve("repo/my lib-1.jar"), "c.class"));
        List<Path> runtime = List.of(jar(temp.resolve("plugin/fnkit-gcp-0.1.0-SNAPSHOT.jar"), "d.class"),
                jar(temp.resolve("plugin/fnkit-api-0.1.0-SNAPSHOT.jar"), "other.class"),
                jar(temp.resolve("plugin/functions-framework-api-2.0.0.jar"), "f.class"),
                jar(temp.resolve("plugin/fnkit-core-0.1.0-SNAPSHOT.jar"), "e.class"));
        out = temp.resolve("target/fnkit/gcp");
        Files.createDirectories(out);
        new GcpPackager().pack(context(appJar, dependencies, runtime));
    }

    private PackagingContext context(Path appJar, List<Path> dependencies, List<Path> runtimeJars) {
        Application application = TestApp.application();
        return new PackagingContext("shop", "1.0", application.functions(), List.of(TestApp.class.getName()), appJar,
                dependencies, runtimeJars, out, Map.of("gcp.region", "europe-west1"), log::add);
    }

    @Test
    void outsideTheMavenPluginThereAreNoRuntimeJarsAndPackagingFailsSayingSo() throws IOException {
        Path appJar = jar(temp.resolve("build/other-1.0.jar"), "com/example/Other.class");
        out = temp.resolve("target/fnkit-outside/gcp");

        assertThatThrownBy(() -> new GcpPackager().pack(context(appJar, List.of(), List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fnkit Maven plugin");
        assertThat(out).doesNotExist();
    }

    @Test
    void namesTheEntryPointsWithoutLoadingThem() {
        assertThat(FnkitHttpFunction.NAME).isEqualTo(FnkitHttpFunction.class.getName());
        assertThat(FnkitCloudEventsFunction.NAME).isEqualTo(FnkitCloudEventsFunction.class.getName());
    }

    @Test
    void isRegisteredAsThePackagerForGcp() {
        assertThat(ServiceLoader.load(dev.fnkit.core.Packager.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof GcpPackager)).singleElement()
                .satisfies(p -> assertThat(p.target()).isEqualTo("gcp"));
    }

    @Test
    void writesAThinJarAloneAtTheTopWithItsDependenciesInLibs() throws IOException {
        try (Stream<Path> top = Files.list(out)) {
            assertThat(top.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly(".gcloudignore", "deploy.sh", "libs", "shop-1.0.jar");
        }
        try (Stream<Path> libs = Files.list(out.resolve("libs"))) {
            assertThat(libs.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "fnkit-api-0.1.0-SNAPSHOT.jar", "fnkit-core-0.1.0-SNAPSHOT.jar", "fnkit-gcp-0.1.0-SNAPSHOT.jar",
                    "my lib-1.jar");
        }
        try (JarFile jar = new JarFile(out.resolve("shop-1.0.jar").toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Class-Path")).isEqualTo(
                    "libs/fnkit-api-0.1.0-SNAPSHOT.jar libs/my%20lib-1.jar libs/fnkit-gcp-0.1.0-SNAPSHOT.jar"
                            + " libs/fnkit-core-0.1.0-SNAPSHOT.jar");
            assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Title")).isEqualTo("test");
            assertThat(jar.getJarEntry("com/example/Shop.class")).isNotNull();
        }
        try (JarFile api = new JarFile(out.resolve("libs/fnkit-api-0.1.0-SNAPSHOT.jar").toFile())) {
            assertThat(api.getJarEntry("a.class")).as("the application's copy wins").isNotNull();
        }
        assertThat(Files.readString(out.resolve(".gcloudignore"))).isEqualTo("deploy.sh\n.gcloudignore\n");
        assertThat(log).singleElement().asString().contains("shop-1.0.jar", "4 jars", "deploy.sh");
    }

    @Test
    void writesAnExecutableDeployScript() throws IOException {
        Path script = out.resolve("deploy.sh");
        assertThat(Files.getPosixFilePermissions(script)).contains(PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE);
        String text = Files.readString(script);
        assertThat(text).startsWith("#!/usr/bin/env bash\n# Deploys shop 1.0 to Google Cloud Functions")
                .contains("HTTP_ACCESS=--allow-unauthenticated ./deploy.sh")
                .contains("REGION=\"${REGION:-europe-west1}\"")
                .contains("# echo: http * /echo * /echo/{+path}\n")
                .contains("  gcloud functions deploy echo \\\n    --gen2 \\\n    --project=\"$PROJECT\" \\\n");
    }

    /** Runs deploy.sh with a stand-in gcloud that records each call's arguments. */
    private List<List<String>> deploy(String... functions) throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path calls = temp.resolve("calls-" + functions.length + ".txt");
        Path gcloud = bin.resolve("gcloud");
        Files.writeString(gcloud, "#!/usr/bin/env bash\n"
                + "if [ \"$*\" = \"config get-value project\" ]; then echo test-project; exit 0; fi\n"
                + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done >> \"$CALLS\"\n"
                + "echo '--end--' >> \"$CALLS\"\n"
                + "case \" $* \" in *' describe '*) exit 1 ;; esac\n");
        Files.setPosixFilePermissions(gcloud, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new ArrayList<>(List.of("bash", out.resolve("deploy.sh").toString()));
        command.addAll(List.of(functions));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("deploy-output.txt").toFile());
        builder.environment().remove("GOOGLE_CLOUD_PROJECT");
        builder.environment().remove("REGION");
        builder.environment().remove("HTTP_ACCESS");
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("CALLS", calls.toString());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(temp.resolve("deploy-output.txt"))).isZero();
        List<List<String>> invocations = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : Files.readAllLines(calls)) {
            if (line.equals("--end--")) {
                invocations.add(current);
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        return invocations;
    }

    private static final String APP = TestApp.class.getName();

    private List<String> deployCommand(String name, String entryPoint, String... rest) throws IOException {
        List<String> args = new ArrayList<>(List.of("functions", "deploy", name, "--gen2", "--project=test-project",
                "--region=europe-west1", "--runtime=java17", "--source=" + out.toRealPath(),
                "--entry-point=dev.fnkit.gcp." + entryPoint));
        args.addAll(List.of(rest));
        return args;
    }

    @Test
    void deploysEachFunctionWithExactlyQuotedArguments() throws Exception {
        List<List<String>> calls = deploy();
        assertThat(calls).contains(
                deployCommand("echo", "FnkitHttpFunction", "--trigger-http", "--no-allow-unauthenticated",
                        "--memory=512Mi", "--timeout=45s", "--min-instances=0",
                        "--set-env-vars=FNKIT_FUNCTION=echo,FNKIT_APP=" + APP + ",GOOGLE_CLOUD_PROJECT=test-project"),
                deployCommand("greet", "FnkitHttpFunction", "--trigger-http", "--no-allow-unauthenticated",
                        "--memory=512Mi", "--timeout=30s", "--min-instances=0",
                        "--set-env-vars=FNKIT_FUNCTION=greet,FNKIT_APP=" + APP + ",GOOGLE_CLOUD_PROJECT=test-project"),
                deployCommand("orders", "FnkitCloudEventsFunction", "--trigger-topic=orders-queue", "--retry",
                        "--memory=512Mi", "--timeout=30s", "--min-instances=0",
                        "--set-env-vars=FNKIT_FUNCTION=orders,FNKIT_APP=" + APP + ",GOOGLE_CLOUD_PROJECT=test-project"),
                deployCommand("uploads", "FnkitCloudEventsFunction",
                        "--trigger-event-filters=type=google.cloud.storage.object.v1.finalized",
                        "--trigger-event-filters=bucket=uploads", "--retry", "--memory=512Mi", "--timeout=30s",
                        "--min-instances=0", "--set-env-vars=FNKIT_FUNCTION=uploads,FNKIT_APP=" + APP + ",GOOGLE_CLOUD_PROJECT=test-project"),
                deployCommand("archive-deleted", "FnkitCloudEventsFunction",
                        "--trigger-event-filters=type=google.cloud.storage.object.v1.deleted",
                        "--trigger-event-filters=bucket=cold", "--memory=512Mi", "--timeout=30s",
                        "--min-instances=0", "--set-env-vars=FNKIT_FUNCTION=archive,FNKIT_APP=" + APP + ",GOOGLE_CLOUD_PROJECT=test-project"),
                deployCommand("archive-archived", "FnkitCloudEventsFunction",
                        "--trigger-event-filters=type=google.cloud.storage.object.v1.archived",
                        "--trigger-event-filters=bucket=cold", "--memory=512Mi", "--timeout=30s",
                        "--min-instances=0", "--set-env-vars=FNKIT_FUNCTION=archive,FNKIT_APP=" + APP + ",GOOGLE_CLOUD_PROJECT=test-project"),
                deployCommand("inventory", "FnkitCloudEventsFunction",
                        "--trigger-event-filters=type=google.cloud.firestore.document.v1.written",
                        "--trigger-event-filters=database=(default)",
                        "--trigger-event-filters-path-pattern=document=inventory/{documentId}",
                        "--trigger-location=europe-west1", "--retry", "--memory=512Mi", "--timeout=30s",
                        "--min-instances=0",
                        "--set-env-vars=FNKIT_FUNCTION=inventory,FNKIT_APP=" + APP + ",GOOGLE_CLOUD_PROJECT=test-project"),
                deployCommand("configured", "FnkitHttpFunction", "--trigger-http", "--no-allow-unauthenticated",
                        "--memory=1024Mi", "--cpu=1", "--timeout=91s", "--min-instances=1", "--max-instances=20",
                        "--concurrency=80", "--set-env-vars=^@^FNKIT_FUNCTION=configured@FNKIT_APP=" + APP
                                + "@GREETING=hello, world"
                                + "@QUOTE=it's \"quoted\" $HOME@GOOGLE_CLOUD_PROJECT=test-project"));
    }

    @Test
    void schedulesThroughATopicAndACloudSchedulerJob() throws Exception {
        List<List<String>> calls = deploy("nightly");
        assertThat(calls).containsExactly(
                List.of("pubsub", "topics", "describe", "fnkit-schedule-nightly", "--project=test-project"),
                List.of("pubsub", "topics", "create", "fnkit-schedule-nightly", "--project=test-project"),
                deployCommand("nightly", "FnkitCloudEventsFunction", "--trigger-topic=fnkit-schedule-nightly",
                        "--retry", "--memory=512Mi", "--timeout=30s", "--min-instances=0",
                        "--set-env-vars=FNKIT_FUNCTION=nightly,FNKIT_APP=" + APP + ",GOOGLE_CLOUD_PROJECT=test-project"),
                List.of("scheduler", "jobs", "describe", "nightly", "--project=test-project",
                        "--location=europe-west1"),
                List.of("scheduler", "jobs", "create", "pubsub", "nightly", "--project=test-project",
                        "--location=europe-west1", "--schedule=0 2 * * *", "--time-zone=Etc/UTC",
                        "--topic=fnkit-schedule-nightly", "--message-body={\"schedule\":\"nightly\"}"));
    }
}
