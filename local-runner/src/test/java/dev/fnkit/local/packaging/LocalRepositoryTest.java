package dev.fnkit.local.packaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalRepositoryTest {
    @TempDir
    Path home;

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();

    @Test
    void withNothingSetItIsTheUsualFolderInTheHomeDirectory() {
        LocalRepository repository = locate();

        assertThat(repository.root()).isEqualTo(home.resolve(".m2/repository"));
        assertThat(repository.tail()).isEmpty();
        assertThat(repository.setOnlyHere()).isFalse();
    }

    @Test
    void settingsXmlComesNextWithItsPlaceholdersFilledIn() throws Exception {
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"), """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
                  <localRepository>${user.home}/repos/${env.REPO_NAME}</localRepository>
                </settings>
                """);
        env.put("REPO_NAME", "m2");

        assertThat(locate().root()).isEqualTo(home.resolve("repos/m2"));
    }

    @Test
    void mavenArgsAndMavenOptsOverrideTheSettingsAndMayNameATail() throws Exception {
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"), "<settings><localRepository>/elsewhere</localRepository>"
                + "</settings>");
        env.put("MAVEN_OPTS", "-Xmx1g -Dmaven.repo.local=/from/opts");
        assertThat(locate().root()).isEqualTo(Path.of("/from/opts"));

        env.put("MAVEN_ARGS", "-B -D maven.repo.local='/from/args with space' -Dmaven.repo.local.tail=/t1,/t2");
        LocalRepository repository = locate();

        assertThat(repository.root()).isEqualTo(Path.of("/from/args with space"));
        assertThat(repository.tail()).containsExactly(Path.of("/t1"), Path.of("/t2"));
        assertThat(repository.setOnlyHere()).isFalse();
    }

    @Test
    void theCliOwnSystemPropertyWinsAndIsNamedInInstallCommands() {
        env.put("MAVEN_ARGS", "-Dmaven.repo.local=/from/args");
        properties.put("maven.repo.local", "/own");

        LocalRepository own = locate();
        assertThat(own.root()).isEqualTo(Path.of("/own"));
        assertThat(own.setOnlyHere()).as("a Maven build with MAVEN_ARGS installs elsewhere").isTrue();

        properties.put("maven.repo.local", "/from/args");
        assertThat(locate().setOnlyHere()).as("a Maven build with MAVEN_ARGS installs there too").isFalse();
    }

    @Test
    void findsAJarInTheRootThenInTheTail() throws Exception {
        Path root = home.resolve("root");
        Path tail = home.resolve("tail");
        ArtifactCoordinates helper = new ArtifactCoordinates("org.example", "helper", "", "1.0");
        Path inTail = Files.createDirectories(tail.resolve("org/example/helper/1.0")).resolve("helper-1.0.jar");
        Files.write(inTail, new byte[0]);
        LocalRepository repository = new LocalRepository(root, List.of(tail), false);

        assertThat(repository.find(helper)).hasValue(inTail);
        Path inRoot = Files.createDirectories(root.resolve("org/example/helper/1.0")).resolve("helper-1.0.jar");
        Files.write(inRoot, new byte[0]);
        assertThat(repository.find(helper)).hasValue(inRoot);
        assertThat(repository.find(new ArtifactCoordinates("org.example", "other", "", "1.0"))).isEmpty();
    }

    private LocalRepository locate() {
        properties.putIfAbsent("user.home", home.toString());
        return LocalRepository.locate(properties::get, env::get);
    }
}
