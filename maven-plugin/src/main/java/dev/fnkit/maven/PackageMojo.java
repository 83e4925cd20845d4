package dev.fnkit.maven;

import dev.fnkit.local.packaging.PackageRun;
import dev.fnkit.local.packaging.PackagingFailure;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

import javax.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the application's function declarations from its jar, validates them, writes
 * {@code target/fnkit/functions.json}, and packages the application for every target whose packager is on the
 * plugin's class path (adapters such as {@code fnkit-aws} added as plugin dependencies), each into
 * {@code target/fnkit/<target>/}. A packager gets the jar of the plugin dependency it comes from and that artifact's
 * runtime dependencies, resolved for it, to ship beside the application. The report lists each target's files with
 * their sizes and total, warns about a file past its target's budget ({@code <target>.budget} in {@code settings},
 * e.g. {@code <aws.budget>30MiB</aws.budget>}), a target whose files together are past its total budget
 * ({@code <target>.totalBudget}) or unpacked past its unpacked budget ({@code <target>.unpackedBudget}), or past a
 * provider's hard limit (such as AWS Lambda's 50 MiB zip and 250 MiB unzipped), and is also written as
 * {@code target/fnkit/report.json}.
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE,
        requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class PackageMojo extends AbstractMojo {
    private static final String FNKIT_GROUP = "dev.fnkit";
    private static final Set<String> SHARED_ARTIFACTS = Set.of("fnkit-api", "fnkit-core");

    private final RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    private RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remotePluginRepositories}", readonly = true, required = true)
    private List<RemoteRepository> pluginRepositories;

    /** Skips the goal. */
    @Parameter(property = "fnkit.skip", defaultValue = "false")
    private boolean skip;

    /** The targets to package for, comma-separated (e.g. {@code aws,gcp}); empty for every packager available. */
    @Parameter(property = "fnkit.targets")
    private String targets;

    /**
     * Target-specific settings handed to the packagers, e.g. {@code <aws.runtime>java21</aws.runtime>}, and the
     * report's budgets per target: {@code <aws.budget>} per file, {@code <aws.totalBudget>} for the target's files
     * together, {@code <aws.unpackedBudget>} for them with each zip unpacked (sizes such as {@code 30MiB}).
     */
    @Parameter
    private Map<String, String> settings;

    /** The application's name in manifests and provider resources. */
    @Parameter(property = "fnkit.appName", defaultValue = "${project.artifactId}", required = true)
    private String appName;

    /** Where {@code functions.json} and the per-target folders go. */
    @Parameter(property = "fnkit.outputDirectory", defaultValue = "${project.build.directory}/fnkit",
            required = true)
    private File outputDirectory;

    /**
     * Used by Maven.
     *
     * @param repositorySystem resolves each packager's runtime jars
     */
    @Inject
    public PackageMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("fnkit packaging skipped (fnkit.skip)");
            return;
        }
        if ("pom".equals(project.getPackaging())) {
            getLog().info("fnkit packaging skipped: " + project.getArtifactId() + " has pom packaging");
            return;
        }
        File jar = project.getArtifact().getFile();
        if (jar == null || !jar.isFile()) {
            throw new MojoFailureException("fnkit:package needs the project's jar, which "
                    + (jar == null ? "has not been built" : "is not a file but " + jar)
                    + ": run the goal in the package phase after maven-jar-plugin (mvn package), not on its own");
        }
        List<Path> dependencies = runtimeDependencies(project, false);
        List<Path> appClasspath = runtimeDependencies(project, true);
        Map<String, String> packagerSettings = new LinkedHashMap<>();
        if (settings != null) {
            settings.forEach((key, value) -> packagerSettings.put(key, value == null ? "" : value));
        }
        ClassLoader pluginLoader = PackageMojo.class.getClassLoader();
        try {
            PackageRun.Request request = new PackageRun.Request(appName, project.getVersion(), jar.toPath(),
                    dependencies, appClasspath, outputDirectory.toPath(), PackageRun.parseTargets(targets),
                    packagerSettings);
            PackagerJars runtimeJars = new PackagerJars(repositorySystem, repositorySession, pluginRepositories,
                    plugin.getArtifacts());
            new PackageRun(pluginLoader, runtimeJars, getLog()::info)
                    .run(request, PackageRun.discoverPackagers(pluginLoader));
        } catch (PackagingFailure e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("fnkit packaging failed: " + e.getMessage(), e);
        }
    }

    /** The project's runtime dependency jars; without fnkit-api and fnkit-core, which the plugin provides, if asked. */
    static List<Path> runtimeDependencies(MavenProject project, boolean withoutShared) {
        List<Path> jars = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            File file = artifact.getFile();
            if (file != null && artifact.getArtifactHandler().isAddedToClasspath()
                    && !(withoutShared && isShared(artifact))) {
                jars.add(file.toPath());
            }
        }
        return jars;
    }

    private static boolean isShared(Artifact artifact) {
        return FNKIT_GROUP.equals(artifact.getGroupId()) && SHARED_ARTIFACTS.contains(artifact.getArtifactId())
                && (artifact.getClassifier() == null || artifact.getClassifier().isEmpty());
    }
}
