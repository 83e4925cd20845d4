package dev.fnkit.maven;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import dev.fnkit.local.packaging.PackagingFailure;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.DefaultDependencyNode;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackagerJarsTest {
    private static final RemoteRepository CENTRAL = new RemoteRepository.Builder("central", "default",
            "https://repo.maven.apache.org/maven2/").build();

    @TempDir
    Path work;

    private final List<DependencyRequest> requests = new ArrayList<>();

    @Test
    void resolvesThePluginArtifactThePackagerComesFromWithItsRuntimeDependenciesItsJarFirst() throws Exception {
        Path core = Files.writeString(work.resolve("fnkit-core-1.0.jar"), "core");
        Path slf4j = Files.writeString(work.resolve("slf4j-api-2.0.16.jar"), "slf4j");
        Path stubJar = Files.writeString(work.resolve("fnkit-stub-1.0.jar"), "the resolved jar");
        RepositorySystem system = resolving(List.of(
                result("dev.fnkit", "fnkit-core", core), result("org.slf4j", "slf4j-api", slf4j),
                result("dev.fnkit", "fnkit-stub", stubJar)));
        Artifact other = artifact("dev.fnkit", "fnkit-other", Files.writeString(work.resolve("other.jar"), "x"));
        Artifact stub = artifact("dev.fnkit", "fnkit-stub", codeSource(Stub.class));

        List<Path> jars = new PackagerJars(system, new DefaultRepositorySystemSession(), List.of(CENTRAL),
                List.of(other, stub)).of(new Stub());

        assertThat(jars).containsExactly(stubJar, core, slf4j);
        CollectRequest collect = requests.get(0).getCollectRequest();
        assertThat(collect.getRoot().getArtifact().toString()).isEqualTo("dev.fnkit:fnkit-stub:jar:1.0");
        assertThat(collect.getRoot().getScope()).isEqualTo("runtime");
        assertThat(collect.getRepositories()).containsExactly(CENTRAL);
        assertThat(accepts(requests.get(0), "compile")).isTrue();
        assertThat(accepts(requests.get(0), "runtime")).isTrue();
        assertThat(accepts(requests.get(0), "provided")).isFalse();
        assertThat(accepts(requests.get(0), "test")).isFalse();
    }

    @Test
    void aPackagerFromOutsideThePluginsArtifactsGetsNone() throws Exception {
        Artifact other = artifact("dev.fnkit", "fnkit-other", Files.writeString(work.resolve("other.jar"), "x"));

        List<Path> jars = new PackagerJars(resolving(List.of()), new DefaultRepositorySystemSession(), List.of(),
                List.of(other)).of(new Stub());

        assertThat(jars).isEmpty();
        assertThat(requests).isEmpty();
    }

    @Test
    void aResolutionFailureNamesTheArtifactAndTheTarget() throws Exception {
        RepositorySystem system = system(request -> {
            throw new DependencyResolutionException(new DependencyResult(request),
                    "Could not find artifact org.slf4j:slf4j-api:jar:2.0.16", null);
        });
        Artifact stub = artifact("dev.fnkit", "fnkit-stub", codeSource(Stub.class));

        assertThatThrownBy(() -> new PackagerJars(system, new DefaultRepositorySystemSession(), List.of(),
                List.of(stub)).of(new Stub()))
                .isInstanceOf(PackagingFailure.class)
                .hasMessageContaining("dev.fnkit:fnkit-stub:jar:1.0")
                .hasMessageContaining("packager for stub")
                .hasMessageContaining("Could not find artifact org.slf4j:slf4j-api:jar:2.0.16");
    }

    private RepositorySystem resolving(List<ArtifactResult> results) {
        return system(request -> {
            DependencyResult result = new DependencyResult(request);
            result.setArtifactResults(results);
            return result;
        });
    }

    private RepositorySystem system(Resolution resolution) {
        return (RepositorySystem) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RepositorySystem.class}, (proxy, method, arguments) -> {
                    if (!method.getName().equals("resolveDependencies")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    DependencyRequest request = (DependencyRequest) arguments[1];
                    requests.add(request);
                    return resolution.resolve(request);
                });
    }

    @FunctionalInterface
    private interface Resolution {
        DependencyResult resolve(DependencyRequest request) throws DependencyResolutionException;
    }

    private static ArtifactResult result(String groupId, String artifactId, Path file) {
        org.eclipse.aether.artifact.Artifact artifact = new org.eclipse.aether.artifact.DefaultArtifact(groupId,
                artifactId, "jar", "1.0").setFile(file.toFile());
        ArtifactResult result = new ArtifactResult(new ArtifactRequest(artifact, List.of(), null));
        result.setArtifact(artifact);
        return result;
    }

    private static Artifact artifact(String groupId, String artifactId, Path file) {
        DefaultArtifact artifact = new DefaultArtifact(groupId, artifactId, "1.0", "runtime", "jar", null,
                new DefaultArtifactHandler("jar"));
        artifact.setFile(file.toFile());
        return artifact;
    }

    private static boolean accepts(DependencyRequest request, String scope) {
        DefaultDependencyNode node = new DefaultDependencyNode(new Dependency(
                new org.eclipse.aether.artifact.DefaultArtifact("g:a:1.0"), scope));
        return request.getFilter().accept(node, List.of());
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toPath();
    }

    /** A packager whose class comes from the test classes, standing in for an adapter's. */
    private static final class Stub implements dev.fnkit.core.Packager {
        @Override
        public String target() {
            return "stub";
        }

        @Override
        public void pack(dev.fnkit.core.PackagingContext context) {
            throw new UnsupportedOperationException("only its jar is looked at");
        }
    }
}
