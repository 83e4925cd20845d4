package dev.fnkit.maven;

import dev.fnkit.local.LocalServer;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code fnkit:run} serves the project's compiled classes in the local runner. */
class RunMojoTest {
    @TempDir
    Path work;

    @Test
    void servesTheProjectsFunctions() throws Exception {
        TestApps.jar(work, "app", Map.of("app.App", """
                package app;
                public final class App implements dev.fnkit.api.FunctionApp {
                    public void register(dev.fnkit.api.Functions functions) {
                        functions.http("hello", (request, context) ->
                                dev.fnkit.api.HttpResponse.text("hello " + request.pathParameter("name").orElse("")))
                                .route("GET", "/hello/{name}");
                    }
                }
                """), "app.App");
        RunMojo mojo = mojo(work.resolve("app-classes"));

        try (LocalServer server = mojo.start()) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url() + "/hello/maven")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello maven");
            assertThat(server.functions()).extracting(f -> f.name()).containsExactly("hello");
        }
    }

    @Test
    void anAppThatDoesNotLoadIsABuildFailure() throws Exception {
        TestApps.jar(work, "bad", Map.of("bad.App", """
                package bad;
                public final class App implements dev.fnkit.api.FunctionApp {
                    public void register(dev.fnkit.api.Functions functions) {
                        functions.http("Bad_Name", (request, context) -> null);
                    }
                }
                """), "bad.App");

        assertThatThrownBy(() -> mojo(work.resolve("bad-classes")).start())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("fnkit run: ")
                .hasMessageContaining("Bad_Name");
    }

    private static RunMojo mojo(Path classes) throws ReflectiveOperationException {
        MavenProject project = new MavenProject();
        project.setArtifactId("app");
        project.getBuild().setOutputDirectory(classes.toString());
        RunMojo mojo = new RunMojo();
        set(mojo, "project", project);
        set(mojo, "port", 0);
        return mojo;
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }
}
