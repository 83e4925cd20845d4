package dev.fnkit.azure;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeJarsTest {
    @Test
    void theBuildListsFnkitCoreAndItsDependencies() throws IOException {
        assertThat(RuntimeJars.listed()).extracting(RuntimeJars.Artifact::artifactId)
                .contains("fnkit-core", "fnkit-api", "jackson-databind", "slf4j-api");
    }

    @Test
    void theAzureLibraryIsLeftToTheWorker() {
        assertThat(RuntimeJars.providedByWorker("azure-functions-java-library-3.2.3.jar")).isTrue();
        assertThat(RuntimeJars.providedByWorker("azure-functions-java-core-library-1.3.0.jar")).isTrue();
        assertThat(RuntimeJars.providedByWorker("azure-core-1.50.0.jar")).isFalse();
    }

    @Test
    void theEntryPointClassNameIsFnkitAzures() {
        assertThat(FunctionJson.ENTRY_POINT_CLASS).isEqualTo(FnkitAzure.class.getName());
    }

    @Test
    void coordinatesParseWithAndWithoutClassifierAndScope() {
        assertThat(RuntimeJars.Artifact.parse("org.slf4j:slf4j-api:jar:2.0.16:compile")).isEqualTo(
                new RuntimeJars.Artifact("org.slf4j", "slf4j-api", "2.0.16", null));
        RuntimeJars.Artifact classified = RuntimeJars.Artifact.parse("g.h:a:jar:linux:1.0");
        assertThat(classified.fileName()).isEqualTo("a-1.0-linux.jar");
        assertThat(classified.repositoryPath()).isEqualTo("g/h/a/1.0/a-1.0-linux.jar");
        assertThat(classified.matchesAnyVersion("a-2.0-linux.jar")).isTrue();
        assertThat(classified.matchesAnyVersion("a-extra-1.0-linux.jar")).isFalse();
    }
}
