package dev.fnkit.it.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fnkit.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fnkit package} as a reader runs it: the CLI jar that {@code ./fnkit} starts, on {@code samples/hello}'s jar,
 * finding the targets' packagers and the jars they ship in a local repository named in {@code MAVEN_ARGS} (this
 * build's fnkit artifacts, {@code target/cli-repository}, with the build's local repository as its tail).
 */
class FnkitPackageTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path temp;

    @Test
    void packagesTheHelloSampleForEveryTargetAsThePluginDoes() throws Exception {
        Path out = temp.resolve("all");

        Run run = fnkit(repositoryArgs(), "package", helloJar().toString(), "--out", out.toString(), "--json",
                "--settings", "kubernetes.baseImage=scratch");

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode report = Json.tree(run.out().getBytes(StandardCharsets.UTF_8));
        assertThat(report).isEqualTo(Json.tree(Files.readAllBytes(out.resolve("report.json"))));
        assertThat(report.get("targets")).extracting(target -> target.get("target").asText())
                .containsExactly("aws", "azure", "gcp", "self-hosted", "kubernetes");
        assertThat(report.get("warnings")).isEmpty();
        assertThat(run.err()).doesNotContain("Exception", "\tat ");

        assertAws(out.resolve("aws"));
        assertAzure(out.resolve("azure"));
        assertGcp(out.resolve("gcp"));
        try (ZipFile bundle = new ZipFile(out.resolve("self-hosted/hello.zip").toFile())) {
            assertThat(bundle.getEntry("functions.json")).isNotNull();
            assertThat(names(bundle)).anyMatch(name -> name.endsWith("hello-0.1.0-SNAPSHOT.jar"));
        }
        assertKubernetes(out.resolve("kubernetes"), out.resolve("image.tar"));

        Path plugin = Path.of(System.getProperty("fnkit.samples.dir"), "hello/target/fnkit");
        for (String target : List.of("aws", "azure", "gcp", "self-hosted", "kubernetes")) {
            assertThat(files(out.resolve(target))).as("the files of " + target + " are those the plugin wrote")
                    .isEqualTo(files(plugin.resolve(target)));
        }
        for (String zip : List.of("aws/function.zip", "azure/hello.zip", "self-hosted/hello.zip")) {
            try (ZipFile cli = new ZipFile(out.resolve(zip).toFile());
                 ZipFile byPlugin = new ZipFile(plugin.resolve(zip).toFile())) {
                assertThat(new TreeSet<>(names(cli))).as(zip + "'s entries are those of the plugin's")
                        .isEqualTo(new TreeSet<>(names(byPlugin)));
            }
        }
    }

    @Test
    void targetsNarrowItAndATargetPastItsTotalBudgetIsWarnedAbout() throws Exception {
        Path out = temp.resolve("some");

        Run run = fnkit(repositoryArgs(), "package", helloJar().toString(), "--out", out.toString(),
                "--targets", "gcp,aws", "--settings", "aws.totalBudget=64KiB");

        assertThat(run.status()).as(run.err()).isZero();
        try (Stream<Path> written = Files.list(out)) {
            assertThat(written.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("aws", "gcp", "functions.json", "report.json");
        }
        JsonNode report = Json.tree(Files.readAllBytes(out.resolve("report.json")));
        JsonNode aws = report.get("targets").get(0);
        assertThat(aws.get("target").asText()).isEqualTo("aws");
        assertThat(report.get("targets").get(1).get("target").asText()).isEqualTo("gcp");
        assertThat(aws.get("budget").get("totalWarnBytes").asLong()).isEqualTo(64 * 1024);
        assertThat(aws.get("unpackedSize").asLong()).isGreaterThan(aws.get("totalSize").asLong());
        assertThat(report.get("warnings")).singleElement().extracting(JsonNode::asText).asString()
                .startsWith("aws is ").endsWith(" in total, past its budget of 64.0 KiB (set aws.totalBudget to"
                        + " change it)");
        assertThat(run.out()).contains("fnkit package: 2 targets in " + out, ", 1 warning; report in ",
                "WARNING: " + report.get("warnings").get(0).asText());
    }

    @Test
    void aPackagerMissingFromTheLocalRepositoryIsOneLineNamingItAndTheCommandThatInstallsIt() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty-repository"));

        Run run = fnkit("-Dmaven.repo.local=" + empty, "package", helloJar().toString(), "--out",
                temp.resolve("none").toString(), "--targets", "gcp");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("fnkit package: dev.fnkit:fnkit-gcp:0.1.0-SNAPSHOT, the gcp packager, is not"
                + " in the local Maven repository " + empty + ": install it from a fnkit checkout with `./mvnw"
                + " install -pl adapters/gcp -am -DskipTests`, or leave gcp out with --targets\n");
        assertThat(run.out()).isEmpty();
        assertThat(temp.resolve("none")).doesNotExist();
    }

    private static void assertAws(Path aws) throws IOException {
        try (ZipFile zip = new ZipFile(aws.resolve("function.zip").toFile())) {
            List<String> names = names(zip);
            assertThat(names).contains("dev/fnkit/samples/hello/HelloApp.class",
                    "META-INF/services/dev.fnkit.api.FunctionApp");
            assertThat(names).anyMatch(name -> name.matches("lib/fnkit-aws-.*\\.jar"))
                    .anyMatch(name -> name.matches("lib/fnkit-core-.*\\.jar"))
                    .anyMatch(name -> name.matches("lib/jackson-databind-.*\\.jar"))
                    .noneMatch(name -> name.matches("lib/aws-lambda-java-runtime-interface-client-.*"));
        }
        JsonNode template = YAML.readTree(aws.resolve("template.yaml").toFile());
        JsonNode hello = template.get("Resources").properties().stream()
                .filter(resource -> resource.getValue().get("Type").asText().equals("AWS::Serverless::Function"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertThat(hello.get("Properties").get("Handler").asText())
                .isEqualTo("dev.fnkit.aws.FnkitLambda::handleRequest");
        assertThat(hello.get("Properties").get("CodeUri").asText()).isEqualTo("function.zip");
        assertThat(hello.get("Properties").get("Environment").get("Variables").get("FNKIT_FUNCTION").asText())
                .isEqualTo("hello");
    }

    private static void assertAzure(Path azure) throws IOException {
        Path app = azure.resolve("hello");
        assertThat(Json.tree(Files.readAllBytes(app.resolve("host.json"))).get("version").asText()).isEqualTo("2.0");
        JsonNode function = Json.tree(Files.readAllBytes(app.resolve("hello/function.json")));
        assertThat(function.get("scriptFile").asText()).isEqualTo("../hello-0.1.0-SNAPSHOT.jar");
        assertThat(function.get("bindings")).anySatisfy(binding ->
                assertThat(binding.get("type").asText()).isEqualTo("httpTrigger"));
        try (Stream<Path> lib = Files.list(app.resolve("lib"))) {
            assertThat(lib.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.matches("fnkit-azure-.*\\.jar"));
        }
        try (ZipFile zip = new ZipFile(azure.resolve("hello.zip").toFile())) {
            assertThat(names(zip)).contains("host.json", "hello/function.json", "hello-0.1.0-SNAPSHOT.jar");
        }
    }

    private static void assertGcp(Path gcp) throws IOException {
        try (JarFile jar = new JarFile(gcp.resolve("hello-0.1.0-SNAPSHOT.jar").toFile())) {
            String classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
            assertThat(classPath.split(" ")).anyMatch(entry -> entry.matches("libs/fnkit-gcp-.*\\.jar"));
            for (String entry : classPath.split(" ")) {
                assertThat(gcp.resolve(entry)).as("Class-Path entry " + entry).isRegularFile();
            }
        }
        assertThat(Files.readString(gcp.resolve("deploy.sh"))).contains("gcloud functions deploy hello");
        assertThat(gcp.resolve("deploy.sh")).isExecutable();
    }

    private static void assertKubernetes(Path kubernetes, Path image) throws IOException {
        JsonNode knative = YAML.readTree(kubernetes.resolve("knative/hello.yaml").toFile());
        assertThat(knative.get("apiVersion").asText()).isEqualTo("serving.knative.dev/v1");
        assertThat(knative.get("kind").asText()).isEqualTo("Service");
        assertThat(knative.get("metadata").get("name").asText()).isEqualTo("hello");
        List<String> kinds = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).readValues(kubernetes.resolve("plain/hello.yaml")
                .toFile())) {
            while (documents.hasNext()) {
                kinds.add(((JsonNode) documents.next()).get("kind").asText());
            }
        }
        assertThat(kinds).containsExactly("Deployment", "Service", "HorizontalPodAutoscaler");
        assertThat(tarEntries(image)).contains("oci-layout", "index.json");
    }

    /** The file names of a tar archive, from its 512-byte headers. */
    private static List<String> tarEntries(Path tar) throws IOException {
        byte[] bytes = Files.readAllBytes(tar);
        List<String> names = new ArrayList<>();
        int offset = 0;
        while (offset + 512 <= bytes.length && bytes[offset] != 0) {
            String name = new String(bytes, offset, 100, StandardCharsets.US_ASCII).replace("\0", "");
            long size = Long.parseLong(new String(bytes, offset + 124, 12, StandardCharsets.US_ASCII)
                    .replace("\0", "").strip(), 8);
            names.add(name.startsWith("./") ? name.substring(2) : name);
            offset += 512 + (int) ((size + 511) / 512 * 512);
        }
        return names;
    }

    private static List<String> names(ZipFile zip) {
        return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
    }

    private static TreeSet<String> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            TreeSet<String> files = new TreeSet<>();
            walk.filter(Files::isRegularFile).forEach(file -> files.add(directory.relativize(file).toString()));
            return files;
        }
    }

    private static Path helloJar() {
        Path jar = Path.of(System.getProperty("fnkit.samples.dir"), "hello/target/hello-0.1.0-SNAPSHOT.jar");
        assertThat(jar).as("samples/hello is built before this module").isRegularFile();
        return jar;
    }

    /** {@code MAVEN_ARGS} naming this build's fnkit artifacts as the local repository, the build's as its tail. */
    private static String repositoryArgs() {
        return "-B -Dmaven.repo.local=" + System.getProperty("fnkit.cli.repository") + " -Dmaven.repo.local.tail="
                + System.getProperty("fnkit.local.repository");
    }

    private record Run(int status, String out, String err) {
    }

    /** Runs {@code java -jar fnkit-self-hosted.jar ARGS} with this {@code MAVEN_ARGS}, as {@code ./fnkit} does. */
    private static Run fnkit(String mavenArgs, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("fnkit.cli.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MAVEN_ARGS", mavenArgs);
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().remove("FNKIT_JAVA_OPTS");
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process));
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out, err.get());
    }

    private static String read(Process process) {
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
