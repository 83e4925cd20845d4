package dev.fnkit.azure;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.Json;
import dev.fnkit.core.Packager;
import dev.fnkit.core.PackagingContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packages an application for Azure Functions (target {@code azure}) into {@code target/fnkit/azure/<app>/}, the
 * layout Azure deploys: {@code host.json}, {@code local.settings.json}, one {@code <function>/function.json} per
 * Azure function (an HTTP function with several route templates is several Azure functions), the application's jar
 * and {@code lib/} with its dependencies and fnkit-azure's {@linkplain PackagingContext#runtimeJars() runtime jars}
 * (without the Azure Functions Java library, which the worker provides); and {@code <app>.zip} of that folder for zip
 * deploy ({@code az functionapp deployment source config-zip}). Settings are described on {@link AzureSettings}.
 */
public final class AzurePackager implements Packager {
    static final String TARGET = "azure";
    static final String LIB = "lib";
    private static final ObjectWriter JSON = Json.mapper().writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));
    private static final List<String> PROVIDED_BY_WORKER = List.of("azure-functions-java-library-",
            "azure-functions-java-core-library-");

    /** Used by {@link java.util.ServiceLoader}. */
    public AzurePackager() {
    }

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public void pack(PackagingContext context) throws IOException {
        List<Path> runtimeJars = context.requireRuntimeJars();
        AzureSettings settings = new AzureSettings(context.settings());
        Path app = context.outputDirectory().resolve(context.appName());
        Files.createDirectories(app);
        String scriptFile = context.appJar().getFileName().toString();

        List<FunctionJson.AzureFunction> functions = new ArrayList<>();
        for (FunctionDefinition function : context.functions()) {
            try {
                functions.addAll(FunctionJson.of(function, settings, context.appName(), scriptFile, context.log()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Function '" + function.name() + "': " + e.getMessage(), e);
            }
        }

        Files.copy(context.appJar(), app.resolve(scriptFile));
        Map<String, Path> jars = new LinkedHashMap<>();
        for (Path jar : context.dependencies()) {
            addJar(jars, jar);
        }
        for (Path jar : runtimeJars) {
            addJar(jars, jar);
        }
        Path lib = Files.createDirectories(app.resolve(LIB));
        for (Map.Entry<String, Path> jar : jars.entrySet()) {
            Files.copy(jar.getValue(), lib.resolve(jar.getKey()));
        }

        write(app.resolve("host.json"), HostJson.of(context.functions(), settings, context.log()));
        write(app.resolve("local.settings.json"), LocalSettingsJson.of(context.functions(),
                FunctionJson.connections(functions), context.log()));
        for (FunctionJson.AzureFunction function : functions) {
            write(Files.createDirectories(app.resolve(function.name())).resolve("function.json"), function.json());
        }
        Path zip = context.outputDirectory().resolve(context.appName() + ".zip");
        ZipFolder.zip(app, zip);
        context.log().accept(count(context.functions().size(), "function") + " as "
                + count(functions.size(), "Azure function") + " in "
                + context.appName() + "/ (" + scriptFile + ", " + jars.size() + " jars in " + LIB + "/); zip deploy "
                + zip.getFileName());
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static void addJar(Map<String, Path> jars, Path jar) {
        String name = jar.getFileName().toString();
        if (name.endsWith(".jar") && !providedByWorker(name)) {
            jars.putIfAbsent(name, jar);
        }
    }

    /** True for the jars of the Azure Functions Java library, which the Java worker has on its class path. */
    static boolean providedByWorker(String jarName) {
        return PROVIDED_BY_WORKER.stream().anyMatch(jarName::startsWith);
    }

    private static void write(Path file, JsonNode json) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
    }
}
