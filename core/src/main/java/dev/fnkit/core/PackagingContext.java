package dev.fnkit.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a {@link Packager} gets: the application's validated declarations and its files, and where to write.
 *
 * @param appName         the application's name (the Maven artifact id)
 * @param version         the application's version
 * @param functions       the validated function declarations
 * @param appClasses      the {@code FunctionApp} implementation class names
 * @param appJar          the application's own jar
 * @param dependencies    the runtime dependency jars (fnkit's included)
 * @param outputDirectory the folder for this target's artifacts, {@code target/fnkit/<target>/}
 * @param settings        target-specific settings (e.g. {@code aws.runtime}), from the build configuration
 * @param log             progress lines for the build output
 */
public record PackagingContext(String appName, String version, List<FunctionDefinition> functions,
                               List<String> appClasses, Path appJar, List<Path> dependencies, Path outputDirectory,
                               Map<String, String> settings, Consumer<String> log) {
    public PackagingContext {
        functions = List.copyOf(functions);
        appClasses = List.copyOf(appClasses);
        dependencies = List.copyOf(dependencies);
        settings = Map.copyOf(settings);
    }

    /** A setting, or the default. */
    public String setting(String key, String defaultValue) {
        return settings.getOrDefault(key, defaultValue);
    }
}
