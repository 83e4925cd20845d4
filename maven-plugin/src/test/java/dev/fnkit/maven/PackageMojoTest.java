package dev.fnkit.maven;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.FunctionsManifest;
import dev.fnkit.core.Json;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackageMojoTest {
    @TempDir
    Path work;

    @Test
    void writesTheManifestOfTheProjectJar() throws Exception {
        Path jar = helloJar();
        Path api = TestApps.apiLocation();
        PackageMojo mojo = mojo(project(jar.toFile(), artifact("dev.fnkit", "fnkit-api", api.toFile())));

        mojo.execute();

        FunctionsManifest manifest = FunctionsManifest.read(work.resolve("target/fnkit/functions.json"));
        assertThat(manifest.app()).isEqualTo("app");
        assertThat(manifest.version()).isEqualTo("1.0");
        assertThat(manifest.function("hello").trigger().type()).isEqualTo("http");
        JsonNode report = Json.tree(Files.readAllBytes(work.resolve("target/fnkit/report.json")));
        assertThat(report.get("app").asText()).isEqualTo("app");
        assertThat(report.get("functions").get(0).get("name").asText()).isEqualTo("hello");
        JsonNode selfHosted = report.get("targets").get(0);
        assertThat(selfHosted.get("target").asText()).as("fnkit-self-hosted is on the test class path")
                .isEqualTo("self-hosted");
        assertThat(selfHosted.get("files").get(0).get("path").asText()).isEqualTo("app.zip");
        assertThat(work.resolve("target/fnkit/self-hosted/app.zip")).isRegularFile();
    }

    @Test
    void theSettingsSetATargetsTotalBudgetAndTheReportWarnsPastIt() throws Exception {
        Path jar = helloJar();
        PackageMojo mojo = mojo(project(jar.toFile(), artifact("dev.fnkit", "fnkit-api", TestApps.apiLocation()
                .toFile())));
        set(mojo, "settings", Map.of("self-hosted.totalBudget", "1KiB", "self-hosted.budget", "1GiB"));

        mojo.execute();

        JsonNode selfHosted = Json.tree(Files.readAllBytes(work.resolve("target/fnkit/report.json")))
                .get("targets").get(0);
        long total = selfHosted.get("totalSize").asLong();
        assertThat(total).isEqualTo(Files.size(work.resolve("target/fnkit/self-hosted/app.zip"))).isGreaterThan(1024);
        assertThat(selfHosted.get("budget").get("warnBytes").asLong()).isEqualTo(1024L * 1024 * 1024);
        assertThat(selfHosted.get("budget").get("totalWarnBytes").asLong()).isEqualTo(1024);
        assertThat(selfHosted.get("warnings")).singleElement().extracting(JsonNode::asText).asString()
                .startsWith("self-hosted is ").endsWith(" in total, past its budget of 1.0 KiB (set"
                        + " self-hosted.totalBudget to change it)");

        set(mojo, "settings", Map.of("self-hosted.totalBudget", "a lot"));
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("self-hosted.totalBudget must be a size such as 40MiB, 512KiB or 1048576, not 'a lot'");
    }

    @Test
    void failsWhenTheJarHasNotBeenBuilt() throws Exception {
        PackageMojo mojo = mojo(project(null));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("has not been built")
                .hasMessageContaining("mvn package");
    }

    @Test
    void anInvalidDeclarationIsABuildFailureNamingTheFunction() throws Exception {
        Path jar = TestApps.jar(work, "app", Map.of("app.App", """
                package app;
                public final class App implements dev.fnkit.api.FunctionApp {
                    public void register(dev.fnkit.api.Functions functions) {
                        functions.http("Bad_Name", (request, context) -> null);
                    }
                }
                """), "app.App");
        PackageMojo mojo = mojo(project(jar.toFile()));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Function 'Bad_Name': invalid name");
    }

    @Test
    void skipsWhenAsked() throws Exception {
        PackageMojo mojo = mojo(project(null));
        set(mojo, "skip", true);

        mojo.execute();

        assertThat(work.resolve("target/fnkit")).doesNotExist();
    }

    private Path helloJar() throws Exception {
        return TestApps.jar(work, "app", Map.of("app.App", """
                package app;
                public final class App implements dev.fnkit.api.FunctionApp {
                    public void register(dev.fnkit.api.Functions functions) {
                        functions.http("hello", (request, context) -> null);
                    }
                }
                """), "app.App");
    }

    private MavenProject project(File jar, Artifact... dependencies) {
        MavenProject project = new MavenProject();
        project.setGroupId("example");
        project.setArtifactId("app");
        project.setVersion("1.0");
        DefaultArtifact artifact = new DefaultArtifact("example", "app", "1.0", null, "jar", null,
                new DefaultArtifactHandler("jar"));
        artifact.setFile(jar);
        project.setArtifact(artifact);
        project.setArtifacts(new LinkedHashSet<>(Set.of(dependencies)));
        return project;
    }

    private static Artifact artifact(String groupId, String artifactId, File file) {
        DefaultArtifactHandler handler = new DefaultArtifactHandler("jar");
        handler.setAddedToClasspath(true);
        DefaultArtifact artifact = new DefaultArtifact(groupId, artifactId, "1.0", "compile", "jar", null, handler);
        artifact.setFile(file);
        return artifact;
    }

    private PackageMojo mojo(MavenProject project) throws ReflectiveOperationException {
        PackageMojo mojo = new PackageMojo((RepositorySystem) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RepositorySystem.class}, (proxy, method, arguments) -> {
                    throw new UnsupportedOperationException("no packager to resolve for: " + method.getName());
                }));
        set(mojo, "project", project);
        set(mojo, "appName", project.getArtifactId());
        set(mojo, "outputDirectory", work.resolve("target/fnkit").toFile());
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setArtifacts(List.of());
        set(mojo, "plugin", plugin);
        set(mojo, "pluginRepositories", List.of());
        return mojo;
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }
}
