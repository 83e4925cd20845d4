package dev.fnkit.selfhosted;

import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionsManifest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A bundle's {@code functions.json} as the gateway serves it: core's {@link FunctionsManifest}, checked further for
 * names fit for directories and URLs, with each function as a {@link FunctionSpec}. Reading validates everything and
 * names the first problem.
 *
 * @param app        the application's name, also its directory name in the data directory
 * @param version    the application's version
 * @param appClasses the {@code FunctionApp} class names
 * @param functions  the functions, in declaration order
 */
record BundleManifest(String app, String version, List<String> appClasses, List<FunctionSpec> functions) {
    static final String FILE_NAME = FunctionsManifest.FILE_NAME;

    private static final Pattern APP_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    BundleManifest {
        appClasses = List.copyOf(appClasses);
        functions = List.copyOf(functions);
    }

    /** The manifest of validated declarations. */
    static BundleManifest of(String app, String version, List<String> appClasses, List<FunctionDefinition> functions) {
        return new BundleManifest(app, version, appClasses, functions.stream()
                .map(f -> FunctionSpec.of(FunctionsManifest.Function.of(f))).toList());
    }

    /** True when a function runs in the JVM, so the bundle needs an application jar. */
    boolean needsJar() {
        return functions.stream().anyMatch(f -> !f.executable());
    }

    /** A name fit for a directory: lower-case letters, digits, '.', '_' and '-'. */
    static String appName(String raw) {
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        name = name.replaceAll("^[^a-z0-9]+", "");
        return name.isEmpty() ? "app" : name.length() > 63 ? name.substring(0, 63) : name;
    }

    byte[] toJson() {
        return FunctionsManifest.of(app, version, appClasses, functions.stream().map(FunctionSpec::toManifest)
                .toList()).toJson();
    }

    /**
     * Reads and validates a manifest.
     *
     * @throws BundleException naming the first problem
     */
    static BundleManifest parse(byte[] json) throws BundleException {
        FunctionsManifest manifest;
        try {
            manifest = FunctionsManifest.parse(json);
        } catch (IOException e) {
            throw new BundleException(e.getMessage());
        }
        String app = manifest.app();
        if (app == null || app.isBlank()) {
            throw new BundleException(FILE_NAME + " has no \"app\"");
        }
        if (!APP_NAME.matcher(app).matches()) {
            throw new BundleException(FILE_NAME + ": app name '" + app + "' must be 1 to 63 lower-case letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit");
        }
        if (manifest.functions().isEmpty()) {
            throw new BundleException(FILE_NAME + " declares no functions");
        }
        List<FunctionSpec> specs = new ArrayList<>();
        for (FunctionsManifest.Function function : manifest.functions()) {
            if (!FUNCTION_NAME.matcher(function.name()).matches()) {
                throw new BundleException("function '" + function.name() + "': a name is 1 to 63 lower-case letters,"
                        + " digits and hyphens, starting with a letter");
            }
            specs.add(FunctionSpec.of(function));
        }
        return new BundleManifest(app, manifest.version() == null ? "" : manifest.version(), manifest.appClasses(),
                specs);
    }
}
