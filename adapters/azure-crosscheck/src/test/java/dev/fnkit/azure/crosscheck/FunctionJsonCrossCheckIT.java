package dev.fnkit.azure.crosscheck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Application;
import dev.fnkit.core.Json;
import dev.fnkit.core.Packager;
import dev.fnkit.core.PackagingContext;
import dev.fnkit.samples.triggers.TriggersApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-checks fnkit's Azure packager against Microsoft's azure-functions-maven-plugin: this module's build runs the
 * plugin's {@code package} goal on {@link TriggersFunctions} (the hand-annotated equivalent of samples/triggers);
 * this test packages samples/triggers' {@link TriggersApp} with fnkit's packager (found as the fnkit Maven plugin
 * finds it, and given fnkit-azure's runtime jars as this module's build resolves them) and compares the two apps' {@code function.json} files binding by binding: the same functions, the same
 * bindings (type, direction, name) and the same trigger settings (route, methods, authLevel, queue and topic names,
 * connection settings, path, schedule, cardinality, event hub and Cosmos DB settings, dataType).
 */
class FunctionJsonCrossCheckIT {
    /** Values that Microsoft's plugin writes from Java enums, whose case differs from the host's documentation. */
    private static final Set<String> CASE_INSENSITIVE = Set.of("authLevel", "cardinality", "methods");

    @TempDir
    static Path temp;

    private static Path microsoft;
    private static Path fnkit;

    @BeforeAll
    static void packageBoth() throws IOException {
        microsoft = Path.of(System.getProperty("crosscheck.microsoftOutput",
                "target/azure-functions/fnkit-triggers"));
        assertThat(microsoft.resolve("host.json")).as("azure-functions-maven-plugin ran in the package phase")
                .isRegularFile();
        String appName = System.getProperty("crosscheck.appName", "fnkit-triggers");
        Packager packager = ServiceLoader.load(Packager.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.target().equals("azure")).findFirst().orElseThrow();
        Path appJar = Files.writeString(temp.resolve("triggers-0.1.0-SNAPSHOT.jar"), "app");
        Path out = Files.createDirectories(temp.resolve("fnkit/azure"));
        List<Path> runtimeJars = Arrays.stream(System.getProperty("crosscheck.runtimeJars", "")
                .split(File.pathSeparator)).filter(jar -> !jar.isBlank()).map(Path::of).toList();
        packager.pack(new PackagingContext(appName, "0.1.0-SNAPSHOT",
                Application.of(new TriggersApp()).functions(), List.of(TriggersApp.class.getName()), appJar,
                List.of(), runtimeJars, out, Map.of("azure.cosmosDb.database", "inventory-db"), line -> { }));
        fnkit = out.resolve(appName);
    }

    private static Map<String, JsonNode> functions(Path app) throws IOException {
        Map<String, JsonNode> functions = new TreeMap<>();
        try (Stream<Path> folders = Files.list(app)) {
            for (Path folder : folders.filter(p -> Files.isRegularFile(p.resolve("function.json"))).toList()) {
                functions.put(folder.getFileName().toString(),
                        Json.tree(Files.readAllBytes(folder.resolve("function.json"))));
            }
        }
        return functions;
    }

    @Test
    void bothDeclareTheSameFunctions() throws IOException {
        assertThat(functions(fnkit).keySet()).containsExactlyElementsOf(functions(microsoft).keySet())
                .contains("echo", "echo_2", "greet", "orders", "uploads", "nightly", "audit", "clicks",
                        "inventory", "received", "received_2");
    }

    @Test
    void everyFunctionBindsTheSameTriggersWithTheSameSettings() throws IOException {
        Map<String, JsonNode> theirs = functions(microsoft);
        Map<String, JsonNode> ours = functions(fnkit);
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, JsonNode> function : theirs.entrySet()) {
            JsonNode microsoftBindings = function.getValue().get("bindings");
            JsonNode fnkitBindings = ours.get(function.getKey()).get("bindings");
            assertThat(fnkitBindings.size()).as(function.getKey() + " bindings").isEqualTo(microsoftBindings.size());
            for (JsonNode expected : microsoftBindings) {
                JsonNode actual = find(fnkitBindings, expected);
                if (actual == null) {
                    differences.add(function.getKey() + ": no binding " + expected);
                    continue;
                }
                Set<String> keys = new TreeSet<>();
                expected.fieldNames().forEachRemaining(keys::add);
                actual.fieldNames().forEachRemaining(keys::add);
                for (String key : keys) {
                    if (!same(key, expected.get(key), actual.get(key))) {
                        differences.add(function.getKey() + "." + expected.get("name").asText() + "." + key
                                + ": Microsoft " + expected.get(key) + ", fnkit " + actual.get(key));
                    }
                }
            }
            assertThat(ours.get(function.getKey()).has("retry")).isEqualTo(function.getValue().has("retry"));
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void fnkitsEntryPointsExistAndScriptFilesPointAtTheAppJar() throws IOException {
        Set<String> methods = new TreeSet<>();
        Arrays.stream(dev.fnkit.azure.FnkitAzure.class.getMethods()).map(Method::getName).forEach(methods::add);
        for (Map.Entry<String, JsonNode> function : functions(fnkit).entrySet()) {
            String entryPoint = function.getValue().get("entryPoint").asText();
            assertThat(entryPoint).startsWith("dev.fnkit.azure.FnkitAzure.");
            assertThat(methods).contains(entryPoint.substring(entryPoint.lastIndexOf('.') + 1));
            assertThat(function.getValue().get("scriptFile").asText()).isEqualTo("../triggers-0.1.0-SNAPSHOT.jar");
        }
    }

    @Test
    void hostJsonsUseTheSameExtensionBundle() throws IOException {
        JsonNode theirs = Json.tree(Files.readAllBytes(microsoft.resolve("host.json")));
        JsonNode ours = Json.tree(Files.readAllBytes(fnkit.resolve("host.json")));
        assertThat(ours.get("version")).isEqualTo(theirs.get("version"));
        assertThat(ours.get("extensionBundle")).isEqualTo(theirs.get("extensionBundle"));
        JsonNode settings = Json.tree(Files.readAllBytes(fnkit.resolve("local.settings.json")));
        assertThat(settings.at("/Values/FUNCTIONS_WORKER_RUNTIME").asText()).isEqualTo(
                Json.tree(Files.readAllBytes(microsoft.resolve("local.settings.json")))
                        .at("/Values/FUNCTIONS_WORKER_RUNTIME").asText());
    }

    @Test
    void libHoldsWhatMicrosoftsPluginCopiesExceptTheLibraryTheWorkerProvides() throws IOException {
        Set<String> theirs = jarNames(microsoft.resolve("lib"));
        theirs.removeIf(name -> name.startsWith("azure-functions-java-library-"));
        assertThat(jarNames(fnkit.resolve("lib"))).isEqualTo(theirs);
    }

    private static Set<String> jarNames(Path lib) throws IOException {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(
                    TreeSet::new));
        }
    }

    private static JsonNode find(JsonNode bindings, JsonNode like) {
        for (JsonNode binding : bindings) {
            if (binding.get("type").asText().equals(like.get("type").asText())
                    && binding.get("direction").asText().equals(like.get("direction").asText())) {
                return binding;
            }
        }
        return null;
    }

    private static boolean same(String key, JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null) {
            return false;
        }
        if (CASE_INSENSITIVE.contains(key)) {
            return expected.toString().toLowerCase(Locale.ROOT).equals(actual.toString().toLowerCase(Locale.ROOT));
        }
        if (expected.isValueNode() && actual.isValueNode()) {
            return expected.asText().equals(actual.asText());
        }
        return expected.equals(actual);
    }
}
