package dev.fnkit.maven;

import dev.fnkit.core.Packager;
import dev.fnkit.local.packaging.PackageRun;
import dev.fnkit.local.packaging.PackagingFailure;
import org.apache.maven.RepositoryUtils;
import org.apache.maven.artifact.Artifact;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime jars of a packager, as Maven resolves them: the plugin dependency whose jar the packager's class comes
 * from (an adapter such as fnkit-aws), resolved with its runtime dependencies as that artifact declares them. This
 * covers what Maven keeps off the plugin's own class path because its core provides it (such as slf4j-api).
 */
final class PackagerJars implements PackageRun.RuntimeJars {
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final List<Artifact> pluginArtifacts;

    /**
     * @param system          Maven's resolver
     * @param session         the build's resolver session
     * @param repositories    the repositories plugins are resolved from
     * @param pluginArtifacts the fnkit plugin's artifacts, its dependencies included
     */
    PackagerJars(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories,
                 List<Artifact> pluginArtifacts) {
        this.system = system;
        this.session = session;
        this.repositories = List.copyOf(repositories);
        this.pluginArtifacts = List.copyOf(pluginArtifacts);
    }

    @Override
    public List<Path> of(Packager packager) throws PackagingFailure {
        Artifact artifact = artifactOf(packager.getClass());
        if (artifact == null) {
            return List.of();
        }
        org.eclipse.aether.artifact.Artifact root = RepositoryUtils.toArtifact(artifact);
        CollectRequest collect = new CollectRequest(new Dependency(root, JavaScopes.RUNTIME), repositories);
        DependencyRequest request = new DependencyRequest(collect,
                DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        List<ArtifactResult> results;
        try {
            results = system.resolveDependencies(session, request).getArtifactResults();
        } catch (DependencyResolutionException e) {
            throw new PackagingFailure("Cannot resolve the runtime dependencies of " + artifact.getId()
                    + ", which the packager for " + packager.target() + " ships: " + e.getMessage(), e);
        }
        List<Path> jars = new ArrayList<>(results.size());
        for (ArtifactResult result : results) {
            org.eclipse.aether.artifact.Artifact resolved = result.getArtifact();
            Path file = resolved.getFile().toPath();
            if (isRoot(resolved, root)) {
                jars.add(0, file);
            } else {
                jars.add(file);
            }
        }
        return List.copyOf(jars);
    }

    private Artifact artifactOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        Path location;
        try {
            location = normalized(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        for (Artifact artifact : pluginArtifacts) {
            if (artifact.getFile() != null && normalized(artifact.getFile().toPath()).equals(location)) {
                return artifact;
            }
        }
        return null;
    }

    private static boolean isRoot(org.eclipse.aether.artifact.Artifact resolved,
                                  org.eclipse.aether.artifact.Artifact root) {
        return resolved.getGroupId().equals(root.getGroupId()) && resolved.getArtifactId().equals(root.getArtifactId())
                && resolved.getClassifier().equals(root.getClassifier())
                && resolved.getExtension().equals(root.getExtension());
    }

    private static Path normalized(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
