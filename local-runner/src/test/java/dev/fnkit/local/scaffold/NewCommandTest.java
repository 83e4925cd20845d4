package dev.fnkit.local.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import dev.fnkit.local.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NewCommandTest {
    private static final Path TEMPLATE_SOURCES = Path.of("src/main/resources/dev/fnkit/local/scaffold/templates");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @TempDir
    Path temp;

    private void fnkitNew(String... args) throws Exception {
        new NewCommand("1.2.3").run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Template.class, names = "EXEC", mode = EnumSource.Mode.EXCLUDE)
    void everyJavaTemplateMakesAProjectWhoseTestsPass(Template template) throws Exception {
        Path dir = temp.resolve("project");
        fnkitNew("order-events", "--template", template.id(), "--group-id", "com.acme", "--dir", dir.toString());

        assertThat(files(dir)).containsExactly(".gitignore", "README.md", "pom.xml",
                "src/main/java/com/acme/orderevents/App.java", "src/main/java/com/acme/orderevents/Handler.java",
                "src/main/resources/META-INF/services/dev.fnkit.api.FunctionApp",
                "src/test/java/com/acme/orderevents/HandlerTest.java");
        for (String file : files(dir)) {
            assertThat(Files.readString(dir.resolve(file))).as(file).doesNotContain("{{");
        }
        assertThat(Files.readString(dir.resolve("src/main/resources/META-INF/services/dev.fnkit.api.FunctionApp")))
                .isEqualTo("com.acme.orderevents.App\n");
        String pom = Files.readString(dir.resolve("pom.xml"));
        assertThat(pom).contains("<groupId>com.acme</groupId>", "<artifactId>order-events</artifactId>",
                "<fnkit.version>1.2.3</fnkit.version>", "<artifactId>fnkit-bom</artifactId>",
                "<artifactId>fnkit-maven-plugin</artifactId>");
        for (Scaffold.Adapter adapter : Scaffold.ADAPTERS) {
            assertThat(pom.split("<artifactId>" + adapter.artifactId() + "</artifactId>", -1)).as(adapter.artifactId())
                    .hasSize(3);
        }
        assertThat(pom).contains("<artifactId>azure-functions-java-library</artifactId><version>"
                + Scaffold.version("azure-functions-java-library") + "</version><scope>test</scope>",
                "<junit.version>" + Scaffold.version("junit") + "</junit.version>");
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Created " + dir + " from the "
                + template.id() + " template").contains("  pom.xml\n", "mvn verify");

        Path classes = temp.resolve("classes");
        GeneratedProject.compile(dir, classes);
        assertThat(GeneratedProject.runTests(classes, "com.acme.orderevents.HandlerTest"))
                .matches("[1-9][0-9]* passed, 0 failed");
    }

    @Test
    void theExecTemplateMakesAShellFunctionWithATestAndAManifest() throws Exception {
        Path dir = temp.resolve("shout");
        fnkitNew("shout", "--template", "exec", "--dir", dir.toString());

        assertThat(files(dir)).containsExactly(".gitignore", "README.md", "functions.json", "handler.sh",
                "test.sh");
        assertThat(Files.isExecutable(dir.resolve("handler.sh"))).isTrue();
        JsonNode manifest = Json.tree(Files.readAllBytes(dir.resolve("functions.json")));
        assertThat(manifest.path("format").asInt()).isEqualTo(1);
        assertThat(manifest.path("app").asText()).isEqualTo("shout");
        JsonNode function = manifest.path("functions").get(0);
        assertThat(function.path("name").asText()).isEqualTo("shout");
        assertThat(function.path("kind").asText()).isEqualTo("EXECUTABLE");
        assertThat(function.path("command").toString()).isEqualTo("[\"handler.sh\"]");
        assertThat(run(dir, "sh", "test.sh")).isEqualTo("2 passed, 0 failed\n");
        assertThat(Files.readString(dir.resolve("README.md"))).contains("fnkit deploy shout.zip",
                "--file shout.zip functions.json handler.sh");
    }

    @Test
    void thePythonVariantRunsWherePythonIs() throws Exception {
        Path dir = temp.resolve("py");
        fnkitNew("greeter", "--template", "exec", "--lang", "python", "--dir", dir.toString());

        assertThat(files(dir)).containsExactly(".gitignore", "README.md", "functions.json", "handler.py",
                "test.sh");
        assertThat(Json.tree(Files.readAllBytes(dir.resolve("functions.json"))).path("functions").get(0)
                .path("command").toString()).isEqualTo("[\"handler.py\"]");
        assertThat(Files.readString(dir.resolve("handler.py"))).startsWith("#!/usr/bin/env python3\n");
        assumeTrue(python3(), "python3 is not installed");
        assertThat(run(dir, "sh", "test.sh")).isEqualTo("2 passed, 0 failed\n");
    }

    @Test
    void theDefaultsAreTheHttpTemplateInComExampleAndADirectoryNamedAfterTheFunction() throws Exception {
        Path dir = temp.resolve("hello");
        Project project = Project.of("hello", Template.HTTP, null, null, null, "1.0");
        assertThat(project.packageName()).isEqualTo("com.example.hello");
        assertThat(Scaffold.write(project, dir)).contains(dir.resolve("src/main/java/com/example/hello/App.java"));
        assertThat(Project.defaultPackage("org.my-org.2024", "x-ray")).isEqualTo("org.my_org._2024.xray");
        assertThat(Project.defaultPackage("com.example", "new")).isEqualTo("com.example._new");
    }

    @Test
    void wrongArgumentsAreOneClearLine() throws Exception {
        Files.writeString(Files.createDirectories(temp.resolve("taken")).resolve("file"), "x");
        assertUsage("fnkit new: name the function, e.g. fnkit new hello");
        assertUsage("fnkit new: unexpected argument 'b'", "a", "b");
        assertUsage("fnkit new: 'Hello' is not a function name: use 1 to 63 lower-case letters, digits and"
                + " hyphens, starting with a letter (e.g. hello or order-events)", "Hello");
        assertUsage("fnkit new: unknown template 'grpc'; choose one of http, typed, queue, storage, schedule,"
                + " topic, exec", "a", "--template", "grpc");
        assertUsage("fnkit new: unknown language 'ruby'; choose shell or python", "a", "--template", "exec",
                "--lang", "ruby");
        assertUsage("fnkit new: --lang is for the exec template; queue makes a Java project", "a", "--template",
                "queue", "--lang", "python");
        assertUsage("fnkit new: 'com.example.class' is not a Java package name (e.g. com.example.a)", "a",
                "--package", "com.example.class");
        assertUsage("fnkit new: 'com..x' is not a Maven groupId (letters, digits, '.', '_' and '-', e.g."
                + " com.example)", "a", "--group-id", "com..x");
        assertUsage("fnkit new: " + temp.resolve("taken") + " already exists and is not empty; choose another"
                + " --dir", "a", "--dir", temp.resolve("taken").toString());
    }

    /** Asserts the usage error, with {@code --dir} in the temporary directory unless the arguments name one. */
    private void assertUsage(String message, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--dir")) {
            all.addAll(List.of("--dir", temp.resolve("never").toString()));
        }
        assertThatThrownBy(() -> fnkitNew(all.toArray(String[]::new))).isInstanceOf(UsageException.class)
                .hasMessage(message);
        assertThat(temp.resolve("never")).doesNotExist();
    }

    @Test
    void theIndexListsEveryTemplateFile() throws IOException {
        List<String> sources = new ArrayList<>(files(TEMPLATE_SOURCES));
        sources.remove("index.txt");
        assertThat(Scaffold.index()).containsExactlyElementsOf(sources);
    }

    @Test
    void everyTemplateTokenHasAValue() {
        Project java = Project.of("a", Template.HTTP, null, null, null, "1");
        Project exec = Project.of("a", Template.EXEC, Lang.PYTHON, null, null, "1");
        for (String entry : Scaffold.index()) {
            String part = entry.substring(0, entry.indexOf('/'));
            Project project = part.startsWith("exec") ? exec : java;
            for (Scaffold.TemplateFile file : Scaffold.files(List.of(part))) {
                Scaffold.render(file.path() + file.content(), Scaffold.tokens(project));
            }
        }
        assertThatThrownBy(() -> Scaffold.render("{{nope}}", Scaffold.tokens(java)))
                .hasMessage("the template uses {{nope}}, which has no value");
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private static boolean python3() throws InterruptedException {
        try {
            return new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
