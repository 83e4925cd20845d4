package dev.fnkit.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a {@link Packager} gets: the application's validated declarations and its files, the packager's own runtime
 * jars, and where to write.
 *
 * @param appName         the application's name (the Maven artifact id)
 * @param version         the application's version
 * @param functions       the validated function declarations
 * @param appClasses      the {@code FunctionApp} implementation class names
 * @param appJar          the application's own jar
 * @param dependencies    the runtime dependency jars (fnkit's included)
 * @param runtimeJars     the packager's own jar and its runtime dependencies as the build resolved them, the
 *                        packager's jar first: what the target must ship beside the application, before the packager
 *                        leaves out what the platform provides. The fnkit Maven plugin resolves them for the plugin
 *                        dependency the packager comes from; empty when nobody did
 * @param outputDirectory the folder for this target's artifacts, {@code target/fnkit/<target>/}
 * @param settings        target-specific settings (e.g. {@code aws.runtime}), from the build configuration
 * @param log             progress lines for the build output
 */
public record PackagingContext(String appName, String version, List<FunctionDefinition> functions,
                               List<String> appClasses, Path appJar, List<Path> dependencies, List<Path> runtimeJars,
                               Path outputDirectory, Map<String, String> settings, Consumer<String> log) {
    public PackagingContext {
        functions = List.copyOf(functions);
        appClasses = List.copyOf(appClasses);
        dependencies = List.copyOf(dependencies);
        runtimeJars = List.copyOf(runtimeJars);
        settings = Map.copyOf(settings);
    }

    /**
     * A context without runtime jars, for packagers whose target provides everything they would ship (and for code
     * written before {@link #runtimeJars()} existed).
     */
    public PackagingContext(String appName, String version, List<FunctionDefinition> functions,
                            List<String> appClasses, Path appJar, List<Path> dependencies, Path outputDirectory,
                            Map<String, String> settings, Consumer<String> log) {
        this(appName, version, functions, appClasses, appJar, dependencies, List.of(), outputDirectory, settings,
                log);
    }

    /** A setting, or the default. */
    public String setting(String key, String defaultValue) {
        return settings.getOrDefault(key, defaultValue);
    }

    /**
     * The {@link #runtimeJars()} of a packager that ships them.
     *
     * @throws IllegalStateException when there are none, because the packager did not run through the fnkit Maven
     *                               plugin, or when one is not a jar file
     */
    public List<Path> requireRuntimeJars() {
        if (runtimeJars.isEmpty()) {
            throw new IllegalStateException("No runtime jars to package: this packager ships its own jar and runtime"
                    + " dependencies, which the fnkit Maven plugin resolves for it, so run it through fnkit:package"
                    + " with the adapter as a plugin dependency (or give the jars in PackagingContext.runtimeJars)");
        }
        for (Path jar : runtimeJars) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("The runtime jar " + jar + " is not a file: packagers ship jars, so"
                        + " package the adapter (mvn package) before packaging with it");
            }
        }
        return runtimeJars;
    }
}
