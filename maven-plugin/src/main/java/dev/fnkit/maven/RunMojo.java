package dev.fnkit.maven;

import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.local.LocalServer;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Serves the project's functions in the fnkit local runner, as {@code fnkit run} does, until Maven is stopped
 * (Ctrl+C): {@code mvn fnkit:run} compiles first, then serves {@code target/classes} with the runtime dependencies
 * and reloads when the classes change (recompile in the IDE or with {@code mvn compile}).
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public final class RunMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The port to listen on; 0 picks a free one. */
    @Parameter(property = "fnkit.port", defaultValue = "8080")
    private int port;

    /** Whether schedule-triggered functions fire on their cron, in UTC. */
    @Parameter(property = "fnkit.schedules", defaultValue = "false")
    private boolean schedules;

    /** Used by Maven. */
    public RunMojo() {
    }

    @Override
    public void execute() throws MojoFailureException {
        LocalServer server = start();
        Thread shutdown = new Thread(server::close, "fnkit-run-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            server.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
    }

    /** Loads the project's functions and starts serving them; the caller closes the server. */
    LocalServer start() throws MojoFailureException {
        Path classes = Path.of(project.getBuild().getOutputDirectory());
        List<Path> classpath = new ArrayList<>();
        classpath.add(classes);
        classpath.addAll(PackageMojo.runtimeDependencies(project, true));
        getLog().info("fnkit run: loading " + project.getArtifactId() + " from " + classes);
        try {
            LocalServer server = LocalServer.builder().app(project.getArtifactId(), classpath).port(port)
                    .schedules(schedules).start();
            for (FunctionDefinition function : server.functions()) {
                getLog().info("  " + function.name() + "  " + function.kind().name().toLowerCase(Locale.ROOT) + "  "
                        + function.describeTrigger());
            }
            getLog().info("fnkit local runner listening on " + server.url() + "; stop with Ctrl+C");
            return server;
        } catch (UncheckedIOException e) {
            throw new MojoFailureException("fnkit run: " + e.getCause().getMessage() + "; choose another port with"
                    + " -Dfnkit.port=N", e);
        } catch (IllegalStateException e) {
            throw new MojoFailureException("fnkit run: " + e.getMessage(), e);
        }
    }
}
