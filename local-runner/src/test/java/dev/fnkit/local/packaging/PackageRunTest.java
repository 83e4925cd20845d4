package dev.fnkit.local.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.Route;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionsManifest;
import dev.fnkit.core.FunctionKind;
import dev.fnkit.core.Json;
import dev.fnkit.core.Packager;
import dev.fnkit.core.PackagingContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackageRunTest {
    private static final String SHOP_APP = """
            package shop;

            import dev.fnkit.api.*;
            import java.time.Duration;

            public final class ShopApp implements FunctionApp {
                @Override
                public void register(Functions functions) {
                    functions.http("hello", (request, context) -> null)
                            .route("GET", "/hello/{name}")
                            .route("post", "/files/{+path}");
                    functions.http("plain", (request, context) -> null);
                    functions.typed("greet", Order.class, (Order input, Context context) -> input)
                            .timeout(Duration.ofMillis(1500)).memoryMb(1024);
                    functions.queue("orders", "orders-queue", Order.class, (event, context) -> { })
                            .batchSize(10)
                            .minInstances(1).maxInstances(5).concurrency(8)
                            .env("REGION", "eu").env("A", "1")
                            .retry(RetryPolicy.exponential(3, Duration.ofMillis(500), Duration.ofSeconds(30)));
                    functions.topic("news", "news-topic", String.class, (event, context) -> { });
                    functions.storage("thumbnails", "uploads", StorageChange.CREATED, (event, context) -> { });
                    functions.event("archive", Trigger.storage("uploads", StorageChange.DELETED,
                            StorageChange.CREATED), StorageObjectEvent.class, (event, context) -> { });
                    functions.schedule("nightly", "0 2 * * *", (event, context) -> { })
                            .retry(RetryPolicy.fixed(2, Duration.ofSeconds(10)));
                    functions.batch("clicks", Trigger.stream("click-stream"), StreamRecord.class,
                            (events, context) -> null);
                    functions.change("audit", "accounts", (event, context) -> { });
                }
            }
            """;
    private static final String ORDER = """
            package shop;

            public record Order(String id, int quantity) {
            }
            """;

    @TempDir
    Path work;

    private Path out;
    private final List<String> log = new ArrayList<>();
    private PackageRun.RuntimeJars runtimeJars = packager -> List.of();

    @BeforeEach
    void setUp() {
        out = work.resolve("target/fnkit");
    }

    @Test
    void readsTheDeclarationsAndWritesTheManifest() throws Exception {
        Path jar = shopJar();

        PackageRun.Result result = run(jar, Set.of(), List.of());

        assertThat(result.manifestFile()).isEqualTo(out.resolve("functions.json"));
        JsonNode json = Json.mapper().readTree(result.manifestFile().toFile());
        assertThat(json.get("format").asInt()).isEqualTo(1);
        assertThat(json.get("app").asText()).isEqualTo("shop");
        assertThat(json.get("version").asText()).isEqualTo("1.2.3");
        assertThat(json.get("appClasses")).hasSize(1);
        assertThat(json.get("appClasses").get(0).asText()).isEqualTo("shop.ShopApp");
        List<String> names = new ArrayList<>();
        json.get("functions").forEach(f -> names.add(f.get("name").asText()));
        assertThat(names).containsExactly("hello", "plain", "greet", "orders", "news", "thumbnails", "archive",
                "nightly", "clicks", "audit");

        JsonNode hello = function(json, "hello");
        assertThat(hello.get("kind").asText()).isEqualTo("HTTP");
        assertThat(hello.get("trigger").get("type").asText()).isEqualTo("http");
        assertThat(hello.get("trigger").get("routes").toString())
                .isEqualTo("[{\"method\":\"GET\",\"template\":\"/hello/{name}\"},"
                        + "{\"method\":\"POST\",\"template\":\"/files/{+path}\"}]");
        assertThat(hello.has("dataType")).isFalse();
        assertThat(hello.get("options").toString()).isEqualTo("{\"timeoutSeconds\":30,\"memoryMb\":512,"
                + "\"minInstances\":0,\"maxInstances\":0,\"concurrency\":0,\"environment\":{}}");

        assertThat(function(json, "plain").get("trigger").get("routes").toString())
                .isEqualTo("[{\"method\":\"*\",\"template\":\"/plain\"}]");

        JsonNode greet = function(json, "greet");
        assertThat(greet.get("kind").asText()).isEqualTo("TYPED");
        assertThat(greet.get("trigger").toString()).isEqualTo("{\"type\":\"invoke\"}");
        assertThat(greet.get("dataType").asText()).isEqualTo("shop.Order");
        assertThat(greet.get("options").get("timeoutSeconds").asLong()).isEqualTo(2);
        assertThat(greet.get("options").get("memoryMb").asInt()).isEqualTo(1024);

        JsonNode orders = function(json, "orders");
        assertThat(orders.get("kind").asText()).isEqualTo("EVENT");
        assertThat(orders.get("trigger").toString())
                .isEqualTo("{\"type\":\"queue\",\"queue\":\"orders-queue\",\"batchSize\":10}");
        assertThat(orders.get("dataType").asText()).isEqualTo("shop.Order");
        assertThat(orders.get("options").toString()).isEqualTo("{\"timeoutSeconds\":30,\"memoryMb\":512,"
                + "\"minInstances\":1,\"maxInstances\":5,\"concurrency\":8,\"environment\":{\"REGION\":\"eu\","
                + "\"A\":\"1\"},\"retry\":{\"maxRetries\":3,\"minDelayMillis\":500,\"maxDelayMillis\":30000}}");

        assertThat(function(json, "news").get("trigger").toString())
                .isEqualTo("{\"type\":\"topic\",\"topic\":\"news-topic\"}");
        assertThat(function(json, "news").get("dataType").asText()).isEqualTo("java.lang.String");
        assertThat(function(json, "thumbnails").get("trigger").toString())
                .isEqualTo("{\"type\":\"storage\",\"bucket\":\"uploads\",\"changes\":[\"CREATED\"]}");
        assertThat(function(json, "thumbnails").get("dataType").asText())
                .isEqualTo("dev.fnkit.api.StorageObjectEvent");
        assertThat(function(json, "archive").get("trigger").get("changes").toString())
                .isEqualTo("[\"CREATED\",\"DELETED\"]");
        assertThat(function(json, "nightly").get("trigger").toString())
                .isEqualTo("{\"type\":\"schedule\",\"cron\":\"0 2 * * *\"}");
        assertThat(function(json, "nightly").get("options").get("retry").toString())
                .isEqualTo("{\"maxRetries\":2,\"minDelayMillis\":10000,\"maxDelayMillis\":10000}");
        JsonNode clicks = function(json, "clicks");
        assertThat(clicks.get("kind").asText()).isEqualTo("BATCH");
        assertThat(clicks.get("trigger").toString())
                .isEqualTo("{\"type\":\"stream\",\"stream\":\"click-stream\",\"batchSize\":100}");
        assertThat(function(json, "audit").get("trigger").toString())
                .isEqualTo("{\"type\":\"change\",\"source\":\"accounts\",\"batchSize\":100}");

        assertThat(log).anySatisfy(line -> assertThat(line).contains("10 functions").contains("shop.ShopApp"));
        assertThat(log).anySatisfy(line -> assertThat(line).contains("orders").contains("event")
                .contains("queue orders-queue (batch 10)"));
        assertThat(log).anySatisfy(line -> assertThat(line).contains("hello").contains("http GET /hello/{name}"));
    }

    @Test
    void theManifestReadsBackToTheSameDeclarations() throws Exception {
        PackageRun.Result result = run(shopJar(), Set.of(), List.of());

        FunctionsManifest read = FunctionsManifest.read(result.manifestFile());

        assertThat(read).isEqualTo(result.manifest());
        FunctionsManifest.Function orders = read.function("orders");
        assertThat(orders.trigger().toTrigger()).isEqualTo(new Trigger.Queue("orders-queue", 10));
        assertThat(orders.options().toFunctionOptions().retry().exponential()).isTrue();
        assertThat(orders.options().environment()).containsExactly(Map.entry("REGION", "eu"), Map.entry("A", "1"));
        assertThat(read.function("thumbnails").trigger().toTrigger())
                .isEqualTo(new Trigger.Storage("uploads", Set.of(StorageChange.CREATED)));
        assertThat(read.function("hello").trigger().toTrigger()).isEqualTo(new Trigger.Http(List.of(
                new Route("GET", "/hello/{name}"), new Route("POST", "/files/{+path}"))));
        assertThat(read.function("hello").dataType()).isNull();
        assertThat(read.function("greet").options().toFunctionOptions().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(read.function("missing")).isNull();
    }

    @Test
    void aDuplicateNameFailsNamingTheFunction() throws Exception {
        Path jar = appJar("""
                functions.http("twice", (request, context) -> null);
                functions.http("twice", (request, context) -> null);
                """);

        assertThatThrownBy(() -> run(jar, Set.of(), List.of()))
                .isInstanceOf(PackagingFailure.class)
                .hasMessage("Function 'twice': declared twice: function names must be unique");
        assertThat(out.resolve("functions.json")).doesNotExist();
    }

    @Test
    void aBadRouteTemplateFailsNamingTheFunctionAndTheTemplate() throws Exception {
        Path jar = appJar("""
                functions.http("files", (request, context) -> null).route("GET", "/x/{+a}/b");
                """);

        assertThatThrownBy(() -> run(jar, Set.of(), List.of()))
                .isInstanceOf(PackagingFailure.class)
                .hasMessageStartingWith("Function 'files': ")
                .hasMessageContaining("/x/{+a}/b")
                .hasMessageContaining("catch-all");
    }

    @Test
    void aBadCronExpressionFailsNamingTheFunction() throws Exception {
        Path jar = appJar("""
                functions.schedule("nightly", "0 2 * *", (event, context) -> { });
                """);

        assertThatThrownBy(() -> run(jar, Set.of(), List.of()))
                .isInstanceOf(PackagingFailure.class)
                .hasMessageStartingWith("Function 'nightly': ");
    }

    @Test
    void aDataTypeTheTriggerCannotDeliverFailsNamingTheFunction() throws Exception {
        Path jar = appJar("""
                functions.event("ticks", Trigger.schedule("0 2 * * *"), String.class, (event, context) -> { });
                """);

        assertThatThrownBy(() -> run(jar, Set.of(), List.of()))
                .isInstanceOf(PackagingFailure.class)
                .hasMessageStartingWith("Function 'ticks': ")
                .hasMessageContaining("ScheduleTick");
    }

    @Test
    void aJarWithoutAFunctionAppFailsWithTheServiceFileToWrite() throws Exception {
        Path jar = TestApps.jar(work, "plain", Map.of("plain.Thing", "package plain; public class Thing { }"), null);

        assertThatThrownBy(() -> run(jar, Set.of(), List.of()))
                .isInstanceOf(PackagingFailure.class)
                .hasMessageStartingWith("plain.jar: no FunctionApp found")
                .hasMessageContaining("META-INF/services/dev.fnkit.api.FunctionApp");
    }

    @Test
    void anAppThatThrowsWhileRegisteringFailsWithTheCause() throws Exception {
        Path jar = appJar("""
                throw new IllegalStateException("no config");
                """);

        assertThatThrownBy(() -> run(jar, Set.of(), List.of()))
                .isInstanceOf(PackagingFailure.class)
                .hasMessageContaining("Cannot read the function declarations of app.jar")
                .hasMessageContaining("java.lang.IllegalStateException: no config")
                .hasMessageContaining("app.App.register");
    }

    @Test
    void aMissingJarFailsSayingToRunInThePackagePhase() {
        assertThatThrownBy(() -> run(work.resolve("missing.jar"), Set.of(), List.of()))
                .isInstanceOf(PackagingFailure.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("package phase");
    }

    @Test
    void aPackagerGetsTheApplicationAndWritesIntoItsTargetFolder() throws Exception {
        Path jar = shopJar();
        Path dependency = Files.writeString(work.resolve("lib.jar"), "not really a jar");
        Path adapter = Files.writeString(work.resolve("fnkit-rec.jar"), "the packager's jar");
        Path adapterDependency = Files.writeString(work.resolve("rec-dependency.jar"), "what it runs on");
        Path stale = Files.createDirectories(out.resolve("rec")).resolve("stale.txt");
        Files.writeString(stale, "from an earlier build");
        AtomicReference<PackagingContext> seen = new AtomicReference<>();
        Packager recorder = packager("rec", context -> {
            seen.set(context);
            Files.writeString(context.outputDirectory().resolve("app.txt"), context.appName());
            Files.createDirectories(context.outputDirectory().resolve("lib"));
            Files.write(context.outputDirectory().resolve("lib/data.bin"), new byte[2048]);
            context.log().accept("packed");
        });

        PackageRun.Request request = new PackageRun.Request("shop", "1.2.3", jar, List.of(dependency), List.of(),
                out, Set.of(), Map.of("rec.mode", "fast"));
        PackageRun.Result result = new PackageRun(getClass().getClassLoader(),
                packager -> packager == recorder ? List.of(adapter, adapterDependency) : List.of(), log::add)
                .run(request, List.of(recorder));

        PackagingContext context = seen.get();
        assertThat(context.appName()).isEqualTo("shop");
        assertThat(context.version()).isEqualTo("1.2.3");
        assertThat(context.appClasses()).containsExactly("shop.ShopApp");
        assertThat(context.functions()).extracting(FunctionDefinition::name).startsWith("hello", "plain", "greet");
        assertThat(context.functions().get(3).kind()).isEqualTo(FunctionKind.EVENT);
        assertThat(context.functions().get(3).dataType().getName()).isEqualTo("shop.Order");
        assertThat(context.appJar()).isEqualTo(jar);
        assertThat(context.dependencies()).containsExactly(dependency);
        assertThat(context.runtimeJars()).containsExactly(adapter, adapterDependency);
        assertThat(context.outputDirectory()).isEqualTo(out.resolve("rec"));
        assertThat(context.settings()).containsExactly(Map.entry("rec.mode", "fast"));
        assertThat(context.setting("rec.other", "default")).isEqualTo("default");

        assertThat(stale).doesNotExist();
        assertThat(out.resolve("rec/app.txt")).hasContent("shop");
        assertThat(result.outputs()).hasSize(1);
        PackageRun.Output output = result.outputs().get(0);
        assertThat(output.target()).isEqualTo("rec");
        assertThat(output.files()).containsExactly(new PackageRun.WrittenFile(Path.of("app.txt"), 4),
                new PackageRun.WrittenFile(Path.of("lib", "data.bin"), 2048));
        assertThat(log).contains("[rec] packed", "  app.txt       4 B", "  lib/data.bin  2.0 KiB");
    }

    @Test
    void theReportWarnsAboutFilesPastTheBudgetAndIsWrittenAsJson() throws Exception {
        Path jar = shopJar();
        Packager aws = packager("aws", context -> {
            Files.write(context.outputDirectory().resolve("function.zip"), new byte[3000]);
            Files.write(context.outputDirectory().getParent().resolve("image.tar"), new byte[10]);
            context.log().accept("queue 'orders' is not mapped");
        });
        PackageRun.Request request = new PackageRun.Request("shop", "1.2.3", jar, List.of(), List.of(), out,
                Set.of(), Map.of("aws.budget", "2KiB"));

        PackageRun.Result result = new PackageRun(getClass().getClassLoader(), runtimeJars, log::add)
                .run(request, List.of(aws));

        PackageRun.Output output = result.outputs().get(0);
        String warning = "aws/function.zip is 2.9 KiB, past its budget of 2.0 KiB (set aws.budget to change it)";
        assertThat(output.warnings()).containsExactly(warning);
        assertThat(output.files()).containsExactly(new PackageRun.WrittenFile(Path.of("function.zip"), 3000),
                new PackageRun.WrittenFile(Path.of("..", "image.tar"), 10));
        assertThat(output.notes()).containsExactly("queue 'orders' is not mapped");
        assertThat(log).contains("WARNING: " + warning, "  ../image.tar  10 B");
        assertThat(result.reportFile()).isEqualTo(out.resolve("report.json"));

        JsonNode report = Json.tree(Files.readAllBytes(out.resolve("report.json")));
        assertThat(report.get("app").asText()).isEqualTo("shop");
        assertThat(report.get("version").asText()).isEqualTo("1.2.3");
        JsonNode hello = report.get("functions").get(0);
        assertThat(hello.get("name").asText()).isEqualTo("hello");
        assertThat(hello.get("kind").asText()).isEqualTo("HTTP");
        assertThat(hello.get("trigger").get("type").asText()).isEqualTo("http");
        JsonNode target = report.get("targets").get(0);
        assertThat(target.get("target").asText()).isEqualTo("aws");
        assertThat(target.get("files").get(0).get("path").asText()).isEqualTo("function.zip");
        assertThat(target.get("files").get(0).get("size").asLong()).isEqualTo(3000);
        assertThat(target.get("files").get(1).get("path").asText()).isEqualTo("../image.tar");
        assertThat(target.get("totalSize").asLong()).isEqualTo(3010);
        assertThat(target.get("budget").get("warnBytes").asLong()).isEqualTo(2048);
        assertThat(target.get("budget").get("limitBytes").asLong()).isEqualTo(50L * 1024 * 1024);
        assertThat(target.get("budget").get("totalWarnBytes").asLong()).isEqualTo(45L * 1024 * 1024);
        assertThat(target.get("budget").has("totalLimitBytes")).isFalse();
        assertThat(target.get("budget").get("unpackedWarnBytes").asLong()).isEqualTo(200L * 1024 * 1024);
        assertThat(target.get("budget").get("unpackedLimitBytes").asLong()).isEqualTo(250L * 1024 * 1024);
        assertThat(target.get("unpackedSize").asLong()).as("not a zip after all: counted as it is").isEqualTo(3010);
        assertThat(target.get("warnings").get(0).asText()).isEqualTo(warning);
        assertThat(target.get("notes").get(0).asText()).isEqualTo("queue 'orders' is not mapped");
        assertThat(report.get("warnings").get(0).asText()).isEqualTo(warning);
    }

    @Test
    void aTargetsTotalAndUnpackedSizeHaveBudgetsToo() throws Exception {
        Path jar = shopJar();
        Packager aws = packager("aws", context -> {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(
                    context.outputDirectory().resolve("function.zip")))) {
                zip.putNextEntry(new ZipEntry("lib/zeros.bin"));
                zip.write(new byte[300_000]);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("Handler.class"));
                zip.write(new byte[1000]);
                zip.closeEntry();
            }
            Files.write(context.outputDirectory().resolve("template.yaml"), new byte[1500]);
        });
        PackageRun.Request request = new PackageRun.Request("shop", "1.2.3", jar, List.of(), List.of(), out,
                Set.of(), Map.of("aws.totalBudget", "1KiB", "aws.unpackedBudget", "100KiB"));

        PackageRun.Output output = new PackageRun(getClass().getClassLoader(), runtimeJars, log::add)
                .run(request, List.of(aws)).outputs().get(0);

        long zip = Files.size(out.resolve("aws/function.zip"));
        assertThat(output.totalSize()).isEqualTo(zip + 1500);
        assertThat(output.unpackedSize()).isEqualTo(301_000 + 1500);
        String total = "aws is " + PackageRun.size(zip + 1500) + " in total, past its budget of 1.0 KiB (set"
                + " aws.totalBudget to change it)";
        String unpacked = "aws is 295.4 KiB unpacked, past its budget of 100.0 KiB (set aws.unpackedBudget to change"
                + " it)";
        assertThat(output.warnings()).containsExactly(total, unpacked);
        assertThat(log).contains("  (total)        " + PackageRun.size(zip + 1500) + ", 295.4 KiB unpacked",
                "WARNING: " + total, "WARNING: " + unpacked);
        JsonNode report = Json.tree(Files.readAllBytes(out.resolve("report.json")));
        JsonNode target = report.get("targets").get(0);
        assertThat(target.get("unpackedSize").asLong()).isEqualTo(302_500);
        assertThat(target.get("budget").get("totalWarnBytes").asLong()).isEqualTo(1024);
        assertThat(target.get("budget").get("unpackedWarnBytes").asLong()).isEqualTo(102_400);
        assertThat(report.get("warnings")).extracting(JsonNode::asText).containsExactly(total, unpacked);
    }

    @Test
    void budgetsKnowTheProvidersHardLimitsAndReadSizes() throws Exception {
        ArtifactBudget aws = ArtifactBudget.of("aws", Map.of());
        assertThat(aws.file().warnBytes()).isEqualTo(40L * 1024 * 1024);
        assertThat(aws.check("aws/function.zip", 51L * 1024 * 1024)).hasValue("aws/function.zip is 51.0 MiB, past"
                + " AWS Lambda's limit for a directly uploaded zip of 50.0 MiB: a deployment of it fails");
        assertThat(aws.check("aws/function.zip", 1024)).isEmpty();
        assertThat(aws.checkTotals("aws", 1024, 251L * 1024 * 1024)).containsExactly("aws is 251.0 MiB unpacked,"
                + " past AWS Lambda's limit for an unzipped deployment package of 250.0 MiB: a deployment of it fails");
        assertThat(aws.checkTotals("aws", 46L * 1024 * 1024, 46L * 1024 * 1024)).containsExactly("aws is 46.0 MiB in"
                + " total, past its budget of 45.0 MiB (set aws.totalBudget to change it)");
        ArtifactBudget gcp = ArtifactBudget.of("gcp", Map.of("gcp.totalBudget", "600MiB"));
        assertThat(gcp.file().limitBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(gcp.total()).isEqualTo(new ArtifactBudget.Limit(600L * 1024 * 1024, 500L * 1024 * 1024,
                "Cloud Functions' limit for an uncompressed source"));
        assertThat(gcp.checkTotals("gcp", 501L * 1024 * 1024, 0)).singleElement().asString()
                .endsWith("of 500.0 MiB: a deployment of it fails");
        assertThat(ArtifactBudget.of("azure", Map.of()).unpacked()).isEqualTo(ArtifactBudget.Limit.NONE);
        assertThat(ArtifactBudget.of("azure", Map.of()).checkTotals("azure", 1, Long.MAX_VALUE)).isEmpty();
        assertThat(ArtifactBudget.of("self-hosted", Map.of("self-hosted.budget", "1.5 MiB")).file().warnBytes())
                .isEqualTo(1_572_864);
        assertThat(ArtifactBudget.parseSize("x", "512k")).isEqualTo(524_288);
        assertThat(ArtifactBudget.parseSize("x", "1048576")).isEqualTo(1_048_576);
        assertThatThrownBy(() -> ArtifactBudget.of("aws", Map.of("aws.budget", "lots")))
                .hasMessage("aws.budget must be a size such as 40MiB, 512KiB or 1048576, not 'lots'");
        assertThatThrownBy(() -> ArtifactBudget.of("aws", Map.of("aws.totalBudget", "-1")))
                .hasMessage("aws.totalBudget must be a size such as 40MiB, 512KiB or 1048576, not '-1'");

        PackageRun.Request request = new PackageRun.Request("shop", "1.2.3", shopJar(), List.of(), List.of(), out,
                Set.of(), Map.of("aws.budget", "lots"));
        assertThatThrownBy(() -> new PackageRun(getClass().getClassLoader(), runtimeJars, log::add)
                .run(request, List.of(packager("aws", context -> { }))))
                .isInstanceOf(PackagingFailure.class).hasMessageContaining("aws.budget must be a size");
    }

    @Test
    void targetsSelectWhichPackagersRun() throws Exception {
        List<String> ran = new ArrayList<>();
        Packager alpha = packager("alpha", context -> ran.add("alpha"));
        Packager beta = packager("beta", context -> ran.add("beta"));
        Packager gamma = packager("gamma", context -> ran.add("gamma"));
        Path jar = shopJar();
        List<String> resolved = new ArrayList<>();
        runtimeJars = packager -> {
            resolved.add(packager.target());
            return List.of();
        };

        run(jar, PackageRun.parseTargets(" Gamma, ,beta"), List.of(alpha, beta, gamma));
        assertThat(ran).containsExactly("beta", "gamma");
        assertThat(resolved).as("only the packagers that run get runtime jars").containsExactly("beta", "gamma");
        assertThat(out.resolve("alpha")).doesNotExist();
        assertThat(out.resolve("beta")).isDirectory();

        ran.clear();
        run(jar, Set.of(), List.of(alpha, beta, gamma));
        assertThat(ran).containsExactly("alpha", "beta", "gamma");
    }

    @Test
    void anUnknownTargetFailsListingTheTargetsThereAre() throws Exception {
        Path jar = shopJar();
        Packager alpha = packager("alpha", context -> { });

        assertThatThrownBy(() -> run(jar, Set.of("aws"), List.of(alpha)))
                .isInstanceOf(PackagingFailure.class)
                .hasMessageContaining("[aws]")
                .hasMessageContaining("[alpha]");
    }

    @Test
    void twoPackagersForOneTargetFail() throws Exception {
        Path jar = shopJar();

        assertThatThrownBy(() -> run(jar, Set.of(), List.of(packager("aws", c -> { }), packager("aws", c -> { }))))
                .isInstanceOf(PackagingFailure.class)
                .hasMessageContaining("Two packagers claim the target 'aws'");
    }

    @Test
    void aPackagerRejectingTheAppFailsNamingTheTarget() throws Exception {
        Path jar = shopJar();
        Packager picky = packager("picky", context -> {
            throw new IllegalArgumentException("Function 'audit': change triggers are not supported");
        });

        assertThatThrownBy(() -> run(jar, Set.of(), List.of(picky)))
                .isInstanceOf(PackagingFailure.class)
                .hasMessage("Packaging for picky failed: Function 'audit': change triggers are not supported");
    }

    @Test
    void runtimeJarsThatCannotBeResolvedFailBeforeThePackagerRuns() throws Exception {
        Path jar = shopJar();
        List<String> ran = new ArrayList<>();
        Packager alpha = packager("alpha", context -> ran.add("alpha"));
        runtimeJars = packager -> {
            throw new PackagingFailure("Cannot resolve the runtime dependencies of fnkit-alpha");
        };

        assertThatThrownBy(() -> run(jar, Set.of(), List.of(alpha)))
                .isInstanceOf(PackagingFailure.class)
                .hasMessage("Cannot resolve the runtime dependencies of fnkit-alpha");
        assertThat(ran).isEmpty();
    }

    @Test
    void packagersAreFoundThroughServiceFiles() throws Exception {
        Path services = Files.createDirectories(work.resolve("spi/META-INF/services"));
        Files.writeString(services.resolve(Packager.class.getName()), StubPackager.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {work.resolve("spi").toUri().toURL()},
                getClass().getClassLoader())) {
            List<Packager> packagers = PackageRun.discoverPackagers(loader);

            assertThat(packagers).extracting(Packager::target).containsExactly("stub");
            run(shopJar(), Set.of("stub"), packagers);
        }
        assertThat(out.resolve("stub/functions.txt")).content().startsWith("hello\nplain\ngreet\n");
    }

    @Test
    void aBrokenServiceFileFailsClearly() throws Exception {
        Path services = Files.createDirectories(work.resolve("spi/META-INF/services"));
        Files.writeString(services.resolve(Packager.class.getName()), "no.such.Packager\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {work.resolve("spi").toUri().toURL()},
                getClass().getClassLoader())) {
            assertThatThrownBy(() -> PackageRun.discoverPackagers(loader))
                    .isInstanceOf(PackagingFailure.class)
                    .hasMessageContaining("no.such.Packager");
        }
    }

    @Test
    void theContextClassLoaderIsRestored() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        run(shopJar(), Set.of(), List.of());
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);

        Path broken = appJar("functions.http(\"x\", null);");
        assertThatThrownBy(() -> run(broken, Set.of(), List.of())).isInstanceOf(PackagingFailure.class);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    @Test
    void sizesAreHumanReadable() {
        assertThat(PackageRun.size(0)).isEqualTo("0 B");
        assertThat(PackageRun.size(1023)).isEqualTo("1023 B");
        assertThat(PackageRun.size(1536)).isEqualTo("1.5 KiB");
        assertThat(PackageRun.size(5L * 1024 * 1024)).isEqualTo("5.0 MiB");
    }

    private PackageRun.Result run(Path jar, Set<String> targets, List<Packager> packagers)
            throws PackagingFailure, IOException {
        PackageRun.Request request = new PackageRun.Request("shop", "1.2.3", jar, List.of(), List.of(), out,
                targets, Map.of());
        return new PackageRun(getClass().getClassLoader(), runtimeJars, log::add).run(request, packagers);
    }

    private Path shopJar() throws IOException {
        Path jar = work.resolve("shop.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        return TestApps.jar(work, "shop", Map.of("shop.ShopApp", SHOP_APP, "shop.Order", ORDER), "shop.ShopApp");
    }

    private Path appJar(String registerBody) throws IOException {
        String source = """
                package app;

                import dev.fnkit.api.*;

                public final class App implements FunctionApp {
                    @Override
                    public void register(Functions functions) {
                %s
                    }
                }
                """.formatted(registerBody.indent(8));
        return TestApps.jar(work, "app", Map.of("app.App", source), "app.App");
    }

    private static JsonNode function(JsonNode manifest, String name) {
        for (JsonNode function : manifest.get("functions")) {
            if (function.get("name").asText().equals(name)) {
                return function;
            }
        }
        throw new AssertionError("no function " + name + " in " + manifest);
    }

    private static Packager packager(String target, PackAction action) {
        return new Packager() {
            @Override
            public String target() {
                return target;
            }

            @Override
            public void pack(PackagingContext context) throws IOException {
                action.pack(context);
            }
        };
    }

    @FunctionalInterface
    private interface PackAction {
        void pack(PackagingContext context) throws IOException;
    }
}
