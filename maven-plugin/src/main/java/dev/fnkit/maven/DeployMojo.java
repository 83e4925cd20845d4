package dev.fnkit.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Uploads the self-hosted bundle that {@code fnkit:package} wrote ({@code target/fnkit/self-hosted/<app>.zip}) to a
 * running self-hosted runtime's admin API: {@code mvn package fnkit:deploy -Dfnkit.url=http://host:8080}. The token
 * is {@code fnkit.token}, else env {@code FNKIT_ADMIN_TOKEN}, else the {@code admin-token} file of the runtime's
 * data directory ({@code fnkit.dataDir}, else env {@code FNKIT_DATA_DIR}, else {@code ~/.fnkit}).
 */
@Mojo(name = "deploy", threadSafe = true)
public final class DeployMojo extends AbstractMojo {
    static final String TOKEN_ENV = "FNKIT_ADMIN_TOKEN";
    static final String URL_ENV = "FNKIT_URL";
    static final String DATA_DIR_ENV = "FNKIT_DATA_DIR";
    static final String TOKEN_FILE = "admin-token";

    /** The runtime's base URL; default env {@code FNKIT_URL}, else {@code http://localhost:8080}. */
    @Parameter(property = "fnkit.url")
    private String url;

    /** The admin token; default env {@code FNKIT_ADMIN_TOKEN}, else the data directory's token file. */
    @Parameter(property = "fnkit.token")
    private String token;

    /** The runtime's data directory, where its token file is; default env {@code FNKIT_DATA_DIR}, else ~/.fnkit. */
    @Parameter(property = "fnkit.dataDir")
    private File dataDir;

    /** The bundle to upload; default the only zip in {@code <outputDirectory>/self-hosted}. */
    @Parameter(property = "fnkit.bundle")
    private File bundle;

    /** Where {@code fnkit:package} wrote its output. */
    @Parameter(property = "fnkit.outputDirectory", defaultValue = "${project.build.directory}/fnkit",
            required = true)
    private File outputDirectory;

    /** Skips the goal. */
    @Parameter(property = "fnkit.skip", defaultValue = "false")
    private boolean skip;

    private Map<String, String> environment = System.getenv();

    /** Used by Maven. */
    public DeployMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("fnkit deploy skipped (fnkit.skip)");
            return;
        }
        Path file = bundle();
        String base = firstOf(url, environment.get(URL_ENV), "http://localhost:8080");
        getLog().info("fnkit deploy: uploading " + file + " (" + size(file) + ") to " + base);
        BundleUpload.Deployed deployed;
        try {
            deployed = new BundleUpload(base, token()).upload(file);
        } catch (BundleUpload.Rejected e) {
            throw new MojoFailureException("fnkit deploy: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("fnkit deploy: cannot reach the runtime at " + base + " ("
                    + e.getMessage() + "); start it with fnkit serve or set fnkit.url", e);
        }
        getLog().info("fnkit deploy: " + deployed.app() + " revision " + deployed.revision() + " serves "
                + String.join(", ", deployed.functions()));
    }

    private Path bundle() throws MojoFailureException {
        if (bundle != null) {
            if (!bundle.isFile()) {
                throw new MojoFailureException("fnkit deploy: the bundle " + bundle + " does not exist");
            }
            return bundle.toPath();
        }
        Path dir = outputDirectory.toPath().resolve("self-hosted");
        List<Path> zips;
        try (Stream<Path> files = Files.list(dir)) {
            zips = files.filter(p -> p.getFileName().toString().endsWith(".zip")).sorted().toList();
        } catch (IOException e) {
            zips = List.of();
        }
        if (zips.size() != 1) {
            throw new MojoFailureException("fnkit deploy: " + (zips.isEmpty() ? "no bundle in " + dir
                    + ": run fnkit:package with fnkit-self-hosted among the plugin's dependencies first (mvn package"
                    + " fnkit:deploy)" : "several bundles in " + dir + ": name one with -Dfnkit.bundle=FILE"));
        }
        return zips.get(0);
    }

    private String token() throws MojoFailureException {
        String given = firstOf(token, environment.get(TOKEN_ENV), null);
        if (given != null) {
            return given.strip();
        }
        Path dir = dataDir != null ? dataDir.toPath()
                : environment.get(DATA_DIR_ENV) != null && !environment.get(DATA_DIR_ENV).isBlank()
                ? Path.of(environment.get(DATA_DIR_ENV)) : Path.of(System.getProperty("user.home"), ".fnkit");
        Path file = dir.resolve(TOKEN_FILE);
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new MojoFailureException("fnkit deploy: no admin token: set -Dfnkit.token, env " + TOKEN_ENV
                    + ", or -Dfnkit.dataDir to the runtime's data directory (no " + file + ")");
        }
    }

    private static String firstOf(String a, String b, String otherwise) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : otherwise;
    }

    private static String size(Path file) {
        try {
            return dev.fnkit.local.packaging.PackageRun.size(Files.size(file));
        } catch (IOException e) {
            return "size unknown";
        }
    }
}
