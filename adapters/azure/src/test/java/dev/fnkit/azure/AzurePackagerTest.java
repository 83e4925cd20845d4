package dev.fnkit.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import dev.fnkit.core.Packager;
import dev.fnkit.core.PackagingContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AzurePackagerTest {
    @TempDir
    Path temp;

    private Path out;
    private Path app;
    private final List<String> log = new ArrayList<>();

    private Path file(String path, String content) throws IOException {
        Path file = temp.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private PackagingContext context(Map<String, String> settings) throws IOException {
        return context(settings, List.of(file("plugin/fnkit-azure-0.1.0-SNAPSHOT.jar", "azure"),
                file("plugin/fnkit-api-0.1.0-SNAPSHOT.jar", "other api"),
                file("plugin/fnkit-core-0.1.0-SNAPSHOT.jar", "core"),
                file("plugin/azure-functions-java-library-3.2.3.jar", "provided"),
                file("plugin/azure-functions-java-core-library-1.3.0.jar", "provided")));
    }

    private PackagingContext context(Map<String, String> settings, List<Path> runtimeJars) throws IOException {
        Path appJar = file("build/shop-1.0.jar", "app");
        List<Path> dependencies = List.of(file("repo/fnkit-api-0.1.0-SNAPSHOT.jar", "api"),
                file("repo/azure-functions-java-library-3.2.3.jar", "provided"),
                file("repo/my lib-1.jar", "lib"));
        out = temp.resolve("target/fnkit/azure");
        Files.createDirectories(out);
        app = out.resolve("shop");
        return new PackagingContext("shop", "1.0", TestApp.application().functions(), List.of(TestApp.class.getName()),
                appJar, dependencies, runtimeJars, out, settings, log::add);
    }

    private static AzurePackager packager() {
        return new AzurePackager();
    }

    private JsonNode json(String path) throws IOException {
        return Json.tree(Files.readAllBytes(app.resolve(path)));
    }

    @BeforeEach
    void pack() throws IOException {
        packager().pack(context(Map.of("azure.function.context.authLevel", "function")));
    }

    @Test
    void isRegisteredAsThePackagerForAzure() {
        assertThat(ServiceLoader.load(Packager.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof AzurePackager)).singleElement()
                .satisfies(p -> assertThat(p.target()).isEqualTo("azure"));
    }

    @Test
    void theEntryPointClassNameIsFnkitAzures() {
        assertThat(FunctionJson.ENTRY_POINT_CLASS).isEqualTo(FnkitAzure.class.getName());
    }

    @Test
    void theAzureLibraryIsLeftToTheWorker() {
        assertThat(AzurePackager.providedByWorker("azure-functions-java-library-3.2.3.jar")).isTrue();
        assertThat(AzurePackager.providedByWorker("azure-functions-java-core-library-1.3.0.jar")).isTrue();
        assertThat(AzurePackager.providedByWorker("azure-core-1.50.0.jar")).isFalse();
    }

    @Test
    void outsideTheMavenPluginThereAreNoRuntimeJarsAndPackagingFailsSayingSo() throws IOException {
        deleteOutput();
        PackagingContext context = context(Map.of(), List.of());

        assertThatThrownBy(() -> packager().pack(context))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fnkit Maven plugin");
        assertThat(app).doesNotExist();
    }

    @Test
    void writesTheFunctionAppLayout() throws IOException {
        try (Stream<Path> top = Files.list(app)) {
            assertThat(top.map(p -> p.getFileName().toString()).sorted()).containsExactly("audit", "clicks",
                    "context", "cookies", "echo", "echo_2", "fail", "greet", "host.json", "inventory", "items", "items_2", "lib",
                    "local.settings.json", "nightly", "orders", "raw-orders", "rejects", "removed", "reports",
                    "shop-1.0.jar", "uploads");
        }
        try (Stream<Path> lib = Files.list(app.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "fnkit-api-0.1.0-SNAPSHOT.jar", "fnkit-azure-0.1.0-SNAPSHOT.jar", "fnkit-core-0.1.0-SNAPSHOT.jar",
                    "my lib-1.jar");
        }
        assertThat(Files.readString(app.resolve("lib/fnkit-api-0.1.0-SNAPSHOT.jar"))).as("the app's copy wins")
                .isEqualTo("api");
        assertThat(log).anySatisfy(line -> assertThat(line).contains("16 functions as 18 Azure functions",
                "shop-1.0.jar", "4 jars in lib/", "shop.zip"));
    }

    @Test
    void hostJsonHasTheBundleTheLongestTimeoutTheEmptyRoutePrefixAndTheStreamBatchSize() throws IOException {
        assertThat(Files.readString(app.resolve("host.json"))).isEqualTo("""
                {
                  "version" : "2.0",
                  "extensionBundle" : {
                    "id" : "Microsoft.Azure.Functions.ExtensionBundle",
                    "version" : "[4.*, 5.0.0)"
                  },
                  "functionTimeout" : "00:10:00",
                  "extensions" : {
                    "http" : {
                      "routePrefix" : ""
                    },
                    "eventHubs" : {
                      "maxEventBatchSize" : 50
                    }
                  }
                }
                """);
    }

    @Test
    void localSettingsNameTheWorkerRuntimeTheConnectionsAndTheEnvironment() throws IOException {
        JsonNode values = json("local.settings.json").get("Values");
        assertThat(values.get("FUNCTIONS_WORKER_RUNTIME").asText()).isEqualTo("java");
        assertThat(values.get("AzureWebJobsStorage").asText()).isEqualTo("UseDevelopmentStorage=true");
        assertThat(values.get("ServiceBusConnection").asText()).isEmpty();
        assertThat(values.get("EventHubConnection").asText()).isEmpty();
        assertThat(values.get("CosmosDBConnection").asText()).isEmpty();
        assertThat(values.get("REPORT_LEVEL").asText()).isEqualTo("full");
    }

    @Test
    void httpFunctionsGetOneAzureFunctionPerRouteTemplate() throws IOException {
        assertThat(Files.readString(app.resolve("items/function.json"))).isEqualTo("""
                {
                  "scriptFile" : "../shop-1.0.jar",
                  "entryPoint" : "dev.fnkit.azure.FnkitAzure.http",
                  "bindings" : [ {
                    "type" : "httpTrigger",
                    "direction" : "in",
                    "name" : "request",
                    "dataType" : "binary",
                    "authLevel" : "anonymous",
                    "methods" : [ "get", "head", "delete" ],
                    "route" : "items/{id}"
                  }, {
                    "type" : "http",
                    "direction" : "out",
                    "name" : "$return"
                  } ]
                }
                """);
        assertThat(json("items_2/function.json").at("/bindings/0/methods").toString()).isEqualTo("[\"post\"]");
        assertThat(json("items_2/function.json").at("/bindings/0/route").asText()).isEqualTo("items");
        JsonNode echo = json("echo_2/function.json").at("/bindings/0");
        assertThat(echo.get("route").asText()).isEqualTo("echo/{*path}");
        assertThat(echo.get("methods").toString()).as("any method").isEqualTo("[]");
        assertThat(json("greet/function.json").at("/bindings/0/route").asText()).isEqualTo("greet");
        assertThat(json("greet/function.json").at("/bindings/0/methods").toString()).isEqualTo("[\"post\"]");
        assertThat(json("context/function.json").at("/bindings/0/authLevel").asText()).isEqualTo("function");
    }

    @Test
    void eventFunctionsBindTheirTriggers() throws IOException {
        assertThat(json("orders/function.json").toString()).isEqualTo("{\"scriptFile\":\"../shop-1.0.jar\","
                + "\"entryPoint\":\"dev.fnkit.azure.FnkitAzure.queue\",\"bindings\":[{\"type\":\"queueTrigger\","
                + "\"direction\":\"in\",\"name\":\"message\",\"dataType\":\"binary\",\"queueName\":\"orders-queue\","
                + "\"connection\":\"AzureWebJobsStorage\"}]}");
        assertThat(log).anySatisfy(line -> assertThat(line).contains("'orders'", "retry policy is not written"));
        assertThat(json("audit/function.json").at("/bindings/0").toString()).isEqualTo("{\"type\":"
                + "\"serviceBusTrigger\",\"direction\":\"in\",\"name\":\"message\",\"dataType\":\"binary\","
                + "\"topicName\":\"audit-events\",\"subscriptionName\":\"audit\",\"connection\":"
                + "\"ServiceBusConnection\"}");
        assertThat(json("uploads/function.json").at("/bindings/0").toString()).isEqualTo("{\"type\":\"blobTrigger\","
                + "\"direction\":\"in\",\"name\":\"content\",\"dataType\":\"binary\",\"path\":\"uploads/{name}\","
                + "\"connection\":\"AzureWebJobsStorage\"}");
        assertThat(json("removed/function.json").toString()).isEqualTo("{\"scriptFile\":\"../shop-1.0.jar\","
                + "\"entryPoint\":\"dev.fnkit.azure.FnkitAzure.eventGrid\",\"bindings\":[{\"type\":"
                + "\"eventGridTrigger\",\"direction\":\"in\",\"name\":\"event\"}]}");
        assertThat(json("nightly/function.json").toString()).isEqualTo("{\"scriptFile\":\"../shop-1.0.jar\","
                + "\"entryPoint\":\"dev.fnkit.azure.FnkitAzure.timer\",\"bindings\":[{\"type\":\"timerTrigger\","
                + "\"direction\":\"in\",\"name\":\"timer\",\"schedule\":\"0 0 2 * * *\"}],\"retry\":{\"strategy\":"
                + "\"exponentialBackoff\",\"maxRetryCount\":5,\"minimumInterval\":\"00:00:01\",\"maximumInterval\":"
                + "\"00:01:00\"}}");
        assertThat(json("clicks/function.json").toString()).isEqualTo("{\"scriptFile\":\"../shop-1.0.jar\","
                + "\"entryPoint\":\"dev.fnkit.azure.FnkitAzure.eventHub\",\"bindings\":[{\"type\":\"eventHubTrigger\","
                + "\"direction\":\"in\",\"name\":\"events\",\"dataType\":\"binary\",\"eventHubName\":"
                + "\"clicks-stream\",\"cardinality\":\"many\",\"connection\":"
                + "\"EventHubConnection\"}],\"retry\":{\"strategy\":\"fixedDelay\",\"maxRetryCount\":2,"
                + "\"delayInterval\":\"00:00:05.500\"}}");
        assertThat(json("inventory/function.json").at("/bindings/0").toString()).isEqualTo("{\"type\":"
                + "\"cosmosDBTrigger\",\"direction\":\"in\",\"name\":\"documents\",\"databaseName\":\"shop\","
                + "\"containerName\":\"inventory\",\"connection\":\"CosmosDBConnection\",\"leaseContainerName\":"
                + "\"leases\",\"leaseContainerPrefix\":\"inventory-\",\"createLeaseContainerIfNotExists\":true,"
                + "\"maxItemsPerInvocation\":100}");
    }

    @Test
    void settingsChooseServiceBusAndEventGridAndNameConnections() throws IOException {
        deleteOutput();
        packager().pack(context(Map.of("azure.queue.trigger", "serviceBus", "azure.topic.trigger", "eventGrid",
                "azure.serviceBus.connection", "Bus", "azure.function.raw-orders.connection", "OtherBus",
                "azure.cosmosDb.database", "shopdb", "azure.routePrefix", "api")));
        assertThat(json("orders/function.json").at("/bindings/0").toString()).isEqualTo("{\"type\":"
                + "\"serviceBusTrigger\",\"direction\":\"in\",\"name\":\"message\",\"dataType\":\"binary\","
                + "\"queueName\":\"orders-queue\",\"connection\":\"Bus\"}");
        assertThat(json("orders/function.json").get("entryPoint").asText()).endsWith(".serviceBus");
        assertThat(json("raw-orders/function.json").at("/bindings/0/connection").asText()).isEqualTo("OtherBus");
        assertThat(json("audit/function.json").at("/bindings/0/type").asText()).isEqualTo("eventGridTrigger");
        assertThat(json("inventory/function.json").at("/bindings/0/databaseName").asText()).isEqualTo("shopdb");
        assertThat(json("host.json").at("/extensions/http/routePrefix").asText()).isEqualTo("api");
        assertThat(json("local.settings.json").at("/Values").has("Bus")).isTrue();
    }

    @Test
    void aBlobTriggerCannotSeeDeletions() throws IOException {
        deleteOutput();
        assertThatThrownBy(() -> packager().pack(context(Map.of("azure.function.removed.storage.trigger", "blob"))))
                .hasMessageContaining("Function 'removed'").hasMessageContaining("eventGrid");
        assertThatThrownBy(() -> packager().pack(context(Map.of("azure.queue.trigger", "kafka"))))
                .hasMessageContaining("storageQueue or serviceBus");
    }

    @Test
    void zipsTheFolderReproduciblyWithHostJsonAtTheTop() throws IOException {
        Path zip = out.resolve("shop.zip");
        byte[] first = Files.readAllBytes(zip);
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                names.add(entry.getName());
                if (entry.getName().equals("host.json")) {
                    assertThat(new String(entries.readAllBytes(), StandardCharsets.UTF_8))
                            .isEqualTo(Files.readString(app.resolve("host.json")));
                }
            }
        }
        assertThat(names).contains("host.json", "orders/", "orders/function.json", "lib/my lib-1.jar",
                "shop-1.0.jar").isSorted();
        deleteOutput();
        packager().pack(context(Map.of("azure.function.context.authLevel", "function")));
        assertThat(Files.readAllBytes(zip)).isEqualTo(first);
    }

    private void deleteOutput() throws IOException {
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        Files.createDirectories(out);
    }
}
