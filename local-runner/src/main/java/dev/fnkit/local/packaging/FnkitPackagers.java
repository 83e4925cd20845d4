package dev.fnkit.local.packaging;

import dev.fnkit.core.Packager;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * fnkit's own packagers, loaded from the local Maven repository for {@code fnkit package} as the Maven plugin gets
 * them from its dependencies: each adapter jar (such as {@code dev.fnkit:fnkit-aws} of this fnkit's version) and the
 * runtime dependencies its build recorded in it ({@code META-INF/fnkit/runtime-dependencies.txt}), each target in a
 * class loader of its own whose parent shares fnkit's API and core with the CLI. The packager then ships those jars
 * ({@link dev.fnkit.core.PackagingContext#runtimeJars()}). Open while the packagers run.
 */
public final class FnkitPackagers implements PackageRun.RuntimeJars, AutoCloseable {
    /** Where an adapter jar lists its runtime dependencies (written by the build's maven-dependency-plugin). */
    static final String LISTING = "META-INF/fnkit/runtime-dependencies.txt";

    /** The targets, in the order they run. */
    private static final Map<String, Adapter> TARGETS = targets();

    private final LocalRepository repository;
    private final String version;
    private final ClassLoader parent;
    private final Map<Packager, List<Path>> runtimeJars = new LinkedHashMap<>();
    private final List<URLClassLoader> loaders = new ArrayList<>();

    /**
     * @param repository where to look
     * @param version    the version of fnkit's artifacts, the CLI's own
     * @param parent     the loader that provides {@code dev.fnkit.api} and {@code dev.fnkit.core}
     */
    public FnkitPackagers(LocalRepository repository, String version, ClassLoader parent) {
        this.repository = repository;
        this.version = version;
        this.parent = parent;
    }

    /** A target's artifact, and the module that builds it in a fnkit checkout. */
    private record Adapter(String artifactId, String module) {
    }

    private static Map<String, Adapter> targets() {
        Map<String, Adapter> targets = new LinkedHashMap<>();
        for (String target : List.of("aws", "azure", "gcp", "self-hosted", "kubernetes")) {
            targets.put(target, new Adapter("fnkit-" + target, "adapters/" + target));
        }
        return targets;
    }

    /** The targets fnkit packages for, in the order they run. */
    public static Set<String> targetNames() {
        return TARGETS.keySet();
    }

    /**
     * Loads the packager of one of {@link #targetNames()} from the repository.
     *
     * @throws PackagingFailure in one line when its jar or one of its runtime dependencies is not in the
     *                          repository, naming what is missing and the command that installs it
     */
    public Packager load(String target) throws PackagingFailure {
        Adapter artifact = TARGETS.get(target);
        if (artifact == null) {
            throw new IllegalArgumentException("fnkit has no packager for " + target);
        }
        ArtifactCoordinates adapter = new ArtifactCoordinates("dev.fnkit", artifact.artifactId(), "", version);
        Path jar = repository.find(adapter).orElseThrow(() -> missing(target, adapter + ", the " + target
                + " packager,", artifact.module()));
        List<ArtifactCoordinates> dependencies = listing(jar).orElseThrow(() -> new PackagingFailure(jar
                + " does not list its runtime dependencies (" + LISTING + "; it was built by an older fnkit):"
                + " reinstall it with " + installCommand(artifact.module())));
        List<Path> jars = new ArrayList<>(dependencies.size() + 1);
        jars.add(jar);
        List<ArtifactCoordinates> absent = new ArrayList<>();
        for (ArtifactCoordinates dependency : dependencies) {
            repository.find(dependency).ifPresentOrElse(jars::add, () -> absent.add(dependency));
        }
        if (!absent.isEmpty()) {
            throw missing(target, absent.get(0) + (absent.size() == 1 ? "" : " (and " + (absent.size() - 1)
                    + " more)") + ", which the " + target + " packager needs,", artifact.module());
        }
        URLClassLoader loader = JarLoaders.of("fnkit-packager-" + target, jars, parent);
        loaders.add(loader);
        try {
            for (ServiceLoader.Provider<Packager> provider
                    : (Iterable<ServiceLoader.Provider<Packager>>) ServiceLoader.load(Packager.class, loader)
                    .stream()::iterator) {
                if (provider.type().getClassLoader() == loader) {
                    Packager packager = provider.get();
                    runtimeJars.put(packager, List.copyOf(jars));
                    return packager;
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new PackagingFailure("Cannot load the " + target + " packager from " + jar + ": " + e.getMessage(),
                    e);
        }
        throw new PackagingFailure(jar + " has no packager (META-INF/services/" + Packager.class.getName()
                + "): reinstall it with " + installCommand(artifact.module()));
    }

    /** The jars of a packager {@link #load(String)} made: its adapter jar first, then its runtime dependencies. */
    @Override
    public List<Path> of(Packager packager) {
        return runtimeJars.getOrDefault(packager, List.of());
    }

    /** Whether {@link #load(String)} made this packager. */
    public boolean loaded(Packager packager) {
        return runtimeJars.containsKey(packager);
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (URLClassLoader loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private PackagingFailure missing(String target, String what, String module) {
        return new PackagingFailure(what + " is not in the local Maven repository " + repository.describe()
                + ": install it from a fnkit checkout with " + installCommand(module) + ", or leave " + target
                + " out with --targets");
    }

    private String installCommand(String module) {
        return "`./mvnw install -pl " + module + " -am -DskipTests" + (repository.setOnlyHere()
                ? " -Dmaven.repo.local=" + repository.root() : "") + "`";
    }

    /** The runtime dependencies an adapter jar lists, or empty when it has no listing. */
    static Optional<List<ArtifactCoordinates>> listing(Path jar) throws PackagingFailure {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(LISTING);
            if (entry == null) {
                return Optional.empty();
            }
            try (InputStream in = file.getInputStream(entry)) {
                List<ArtifactCoordinates> dependencies = new ArrayList<>();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    ArtifactCoordinates.ofListing(line).ifPresent(dependencies::add);
                }
                return Optional.of(List.copyOf(dependencies));
            }
        } catch (IOException e) {
            throw new PackagingFailure("Cannot read " + jar + ": " + e.getMessage(), e);
        }
    }
}
