package dev.fnkit.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Builds a real Maven project with the repository's Maven wrapper (found by walking up from the project, which lives
 * under {@code target/}) and serves it. Its dependency on commons-lang3 is not on the runner's class path, so the
 * app's runtime class path must have been read from Maven.
 */
class MavenAppTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private LocalServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * The fnkit-api jar this build made, so the test project needs nothing installed in the local repository (a
     * fresh machine running {@code ./mvnw verify} has none). A classes directory is packed into a jar first.
     */
    private static Path apiJar() throws IOException {
        Path location;
        try {
            location = Path.of(dev.fnkit.api.FunctionApp.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        if (Files.isRegularFile(location)) {
            return location;
        }
        Path jar = Path.of("target", "test-projects", "fnkit-api.jar").toAbsolutePath();
        Files.createDirectories(jar.getParent());
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             var files = Files.walk(location)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new java.util.jar.JarEntry(location.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Path project(String source) throws IOException {
        Path dir = Path.of("target", "test-projects", "maven-app-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir.resolve("src/main/java/testapps/maven"));
        Files.createDirectories(dir.resolve("src/main/resources/META-INF/services"));
        Files.writeString(dir.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>test.fnkit</groupId>
                  <artifactId>maven-app</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>dev.fnkit</groupId><artifactId>fnkit-api</artifactId><version>%s</version>
                      <scope>system</scope><systemPath>%s</systemPath>
                    </dependency>
                    <dependency>
                      <groupId>org.apache.commons</groupId><artifactId>commons-lang3</artifactId>
                      <version>3.17.0</version>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>
                        <version>3.13.0</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId>
                        <version>3.3.1</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(FnkitCli.version(), apiJar()));
        Files.writeString(dir.resolve("src/main/resources/META-INF/services/dev.fnkit.api.FunctionApp"),
                "testapps.maven.MavenApp\n");
        Files.writeString(dir.resolve("src/main/java/testapps/maven/MavenApp.java"), source);
        return dir;
    }

    @Test
    void buildsAMavenProjectAndServesItWithItsRuntimeDependencies() throws Exception {
        Path project = project("""
                package testapps.maven;

                import dev.fnkit.api.FunctionApp;
                import dev.fnkit.api.Functions;
                import dev.fnkit.api.HttpResponse;
                import org.apache.commons.lang3.StringUtils;

                public final class MavenApp implements FunctionApp {
                    @Override
                    public void register(Functions functions) {
                        functions.http("reverse", (request, context) ->
                                HttpResponse.text(StringUtils.reverse(request.pathParameter("text").orElse(""))))
                                .route("GET", "/reverse/{text}");
                    }
                }
                """);
        server = LocalServer.builder().app(project).port(0).log(new PrintStream(log, true, StandardCharsets.UTF_8))
                .start();

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url() + "/reverse/maven")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("nevam");
        assertThat(server.listing()).singleElement().extracting(FunctionListing::app)
                .isEqualTo(project.getFileName().toString());
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("building " + project)
                .containsPattern("fnkit: built " + Pattern.quote(project.toString()) + " in \\d+\\.\\d s");
    }

    @Test
    void aProjectThatDoesNotCompileIsAClearError() throws Exception {
        Path project = project("package testapps.maven; public final class MavenApp { oops }");

        assertThatThrownBy(() -> LocalServer.builder().app(project).port(0)
                .log(new PrintStream(log, true, StandardCharsets.UTF_8)).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("building " + project + " failed")
                .hasMessageContaining("mvnw");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("MavenApp.java");
    }
}
