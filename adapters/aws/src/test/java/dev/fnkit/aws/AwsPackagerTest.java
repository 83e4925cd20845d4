package dev.fnkit.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.fnkit.api.Body;
import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.Functions;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.RetryPolicy;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.core.Application;
import dev.fnkit.core.Packager;
import dev.fnkit.core.PackagingContext;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import org.crac.Core;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsPackagerTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path temp;

    private final List<String> log = new ArrayList<>();

    /** A second app exercising the options and settings the trigger sample does not. */
    static final class OptionsApp implements FunctionApp {
        @Override
        public void register(Functions functions) {
            functions.http("api", (request, context) -> HttpResponse.noContent())
                    .route("GET", "/items/{id}").route("POST", "/items").route("/files/{+path}")
                    .minInstances(2).maxInstances(20).memoryMb(1024).timeout(Duration.ofMillis(2500))
                    .env("MODE", "on").env("START", "2010-09-09");
            functions.topic("alerts", "arn:aws:sns:eu-west-1:111122223333:alerts", TopicMessage.class,
                    (event, context) -> { }).retry(RetryPolicy.fixed(5, Duration.ofSeconds(1)));
            functions.storage("archive", "arn:aws:s3:::my-archive", StorageChange.ARCHIVED, (event, context) -> { });
            functions.event("changes", dev.fnkit.api.Trigger.storage("my-archive", StorageChange.DELETED,
                    StorageChange.METADATA_UPDATED), dev.fnkit.api.StorageObjectEvent.class, (event, context) -> { });
            functions.queue("bulk", "bulk-queue", String.class, (event, context) -> { }).batchSize(500)
                    .timeout(Duration.ofMinutes(3));
            functions.queue("bulk-audit", "bulk-queue", String.class, (event, context) -> { })
                    .timeout(Duration.ofMinutes(5)).retry(RetryPolicy.none());
            functions.stream("feed", "arn:aws:kinesis:eu-west-1:111122223333:stream/feed", String.class,
                    (event, context) -> { }).retry(RetryPolicy.fixed(3, Duration.ofSeconds(1)));
            functions.schedule("weekdays", "30 6 * * MON-FRI", (event, context) -> { });
            functions.change("ledger", "arn:aws:dynamodb:eu-west-1:111122223333:table/ledger/stream/2024-01-01T00:00"
                    + ":00.000", (event, context) -> { }).concurrency(4);
        }
    }

    /**
     * fnkit-aws's runtime jars as the fnkit Maven plugin resolves them, each found by a class of it on the test class
     * path, and the runtime's serialisation library, which the packager leaves out.
     */
    private static final List<Class<?>> RUNTIME = List.of(Application.class, Body.class, ObjectMapper.class,
            JsonFactory.class, JsonProperty.class, JavaTimeModule.class, Jdk8Module.class, CloudEvent.class,
            CloudEventBuilder.class, JsonFormat.class, CronParser.class, LoggerFactory.class, Context.class,
            Core.class, YAMLMapper.class, Yaml.class, PojoSerializer.class);

    private PackagingContext context(Application app, Map<String, String> settings, List<Path> dependencies)
            throws IOException {
        return context(app, settings, dependencies, runtimeJars());
    }

    private PackagingContext context(Application app, Map<String, String> settings, List<Path> dependencies,
                                     List<Path> runtimeJars) throws IOException {
        Path appJar = appJar();
        return new PackagingContext("shop", "1.2.3", app.functions(), List.of(AwsTestApp.class.getName()), appJar,
                dependencies, runtimeJars, temp.resolve("out/aws"), settings, log::add);
    }

    /** fnkit-aws's jar, made from its classes, then {@link #RUNTIME}. */
    private List<Path> runtimeJars() throws IOException {
        List<Path> jars = new ArrayList<>();
        jars.add(jar(FnkitLambda.class));
        for (Class<?> type : RUNTIME) {
            jars.add(jar(type));
        }
        return jars;
    }

    /**
     * The jar a class comes from, or, for a classes folder (this module, or a fnkit module in a reactor build), a jar
     * of it named after the module.
     */
    private Path jar(Class<?> type) throws IOException {
        Path location = codeSource(type);
        if (Files.isRegularFile(location)) {
            return location;
        }
        Path jar = temp.resolve("runtime/" + type.getPackageName().replace("dev.fnkit.", "fnkit-") + "-classes.jar");
        if (!Files.exists(jar)) {
            Files.createDirectories(jar.getParent());
            Files.write(jar, LambdaZip.jarOf(location));
        }
        return jar;
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path appJar() throws IOException {
        Path jar = temp.resolve("app.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Path classes = codeSource(AwsTestApp.class);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "META-INF/services/dev.fnkit.api.FunctionApp", "dev.fnkit.aws.AwsTestApp\n".getBytes());
            put(out, "META-INF/SIGNER.SF", "signature".getBytes());
            try (var files = Files.list(classes.resolve("dev/fnkit/aws"))) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("AwsTestApp")).toList()) {
                    put(out, "dev/fnkit/aws/" + file.getFileName(), Files.readAllBytes(file));
                }
            }
        }
        return jar;
    }

    private Path fakeJar(String groupId, String artifactId, String version) throws IOException {
        Path jar = temp.resolve(artifactId + "-" + version + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties", ("groupId=" + groupId
                    + "\nartifactId=" + artifactId + "\nversion=" + version + "\n").getBytes());
        }
        return jar;
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private static List<String> names(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void isFoundAsTheAwsPackager() {
        assertThat(ServiceLoader.load(Packager.class).stream().map(p -> p.get().target())).contains("aws");
    }

    @Test
    void theZipHasTheAppAtTheRootAndEveryRuntimeJarInLibAndIsReproducible() throws Exception {
        Path ric = fakeJar("com.amazonaws", "aws-lambda-java-runtime-interface-client", "2.9.0");
        Path oldJackson = fakeJar("com.fasterxml.jackson.core", "jackson-core", "2.17.0");
        Path api = jar(Body.class);
        PackagingContext context = context(AwsTestApp.application(), Map.of(), List.of(api, ric, oldJackson));
        new AwsPackager().pack(context);
        Path zip = temp.resolve("out/aws/function.zip");
        List<String> names = names(zip);
        assertThat(names).isSorted();
        assertThat(names).contains("META-INF/services/dev.fnkit.api.FunctionApp", "dev/fnkit/aws/AwsTestApp.class",
                "dev/", "dev/fnkit/", "lib/")
                .doesNotContain("META-INF/SIGNER.SF");
        List<String> lib = names.stream().filter(n -> n.startsWith("lib/") && n.length() > 4).toList();
        assertThat(lib).anyMatch(n -> n.startsWith("lib/fnkit-api-")).anyMatch(n -> n.startsWith("lib/fnkit-core-"))
                .anyMatch(n -> n.startsWith("lib/fnkit-aws-")).anyMatch(n -> n.startsWith("lib/jackson-databind-"))
                .anyMatch(n -> n.startsWith("lib/aws-lambda-java-core-")).anyMatch(n -> n.startsWith("lib/crac-"))
                .anyMatch(n -> n.startsWith("lib/cron-utils-")).anyMatch(n -> n.startsWith("lib/slf4j-api-"))
                .contains("lib/jackson-core-2.17.0.jar")
                .noneMatch(n -> n.contains("runtime-interface-client"))
                .noneMatch(n -> n.contains("aws-lambda-java-serialization")).noneMatch(n -> n.contains("snakeyaml"))
                .noneMatch(n -> n.contains("jackson-dataformat-yaml")).noneMatch(n -> n.contains("jackson-core-2.18"));
        assertThat(log).anyMatch(l -> l.contains("com.fasterxml.jackson.core:jackson-core 2.17.0"));
        try (ZipFile file = new ZipFile(zip.toFile())) {
            assertThat(file.stream()).allMatch(e -> e.getTimeLocal().toString().equals("2000-01-01T00:00"));
            ZipEntry aws = file.stream().filter(e -> e.getName().startsWith("lib/fnkit-aws-")).findFirst()
                    .orElseThrow();
            assertThat(aws.getMethod()).isEqualTo(ZipEntry.DEFLATED);
            try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(file.getInputStream(aws)
                    .readAllBytes()))) {
                List<String> classes = new ArrayList<>();
                for (JarEntry e; (e = jar.getNextJarEntry()) != null; ) {
                    classes.add(e.getName());
                    assertThat(e.getMethod()).as(e.getName()).isEqualTo(ZipEntry.STORED);
                }
                assertThat(classes).contains("dev/fnkit/aws/FnkitLambda.class",
                        "META-INF/services/dev.fnkit.core.Packager");
            }
        }
        byte[] first = Files.readAllBytes(zip);
        new AwsPackager().pack(context);
        assertThat(Files.readAllBytes(zip)).isEqualTo(first);
    }

    @Test
    void outsideTheMavenPluginThereAreNoRuntimeJarsAndPackagingFailsSayingSo() throws Exception {
        PackagingContext context = context(AwsTestApp.application(), Map.of(), List.of(), List.of());

        assertThatThrownBy(() -> new AwsPackager().pack(context))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fnkit Maven plugin");
        assertThat(temp.resolve("out/aws/function.zip")).doesNotExist();
    }

    @Test
    void theTemplateHasOneFunctionPerPortableFunctionWithItsEvents() throws Exception {
        new AwsPackager().pack(context(AwsTestApp.application(), Map.of(), List.of()));
        JsonNode template = YAML.readTree(temp.resolve("out/aws/template.yaml").toFile());
        assertThat(template.get("AWSTemplateFormatVersion").asText()).isEqualTo("2010-09-09");
        assertThat(Files.readString(temp.resolve("out/aws/template.yaml"))).contains("\"2010-09-09\"");
        assertThat(template.get("Transform").asText()).isEqualTo("AWS::Serverless-2016-10-31");
        JsonNode resources = template.get("Resources");
        for (var function : AwsTestApp.application().functions()) {
            JsonNode properties = resources.get(SamTemplate.pascal(function.name()) + "Function").get("Properties");
            assertThat(properties.get("Handler").asText()).isEqualTo("dev.fnkit.aws.FnkitLambda::handleRequest");
            assertThat(properties.get("CodeUri").asText()).isEqualTo("function.zip");
            assertThat(properties.get("Runtime").asText()).isEqualTo("java17");
            assertThat(properties.get("MemorySize").asInt()).isEqualTo(function.options().memoryMb());
            assertThat(properties.get("Timeout").asInt()).isEqualTo(function.options().timeout().toSeconds());
            assertThat(properties.at("/Environment/Variables/FNKIT_FUNCTION").asText()).isEqualTo(function.name());
            assertThat(properties.at("/Environment/Variables/FNKIT_APP").asText())
                    .isEqualTo(AwsTestApp.class.getName());
            assertThat(properties.has("SnapStart")).isFalse();
        }
        JsonNode echo = resources.at("/EchoFunction/Properties/Events");
        assertThat(echo.at("/Route1/Type").asText()).isEqualTo("HttpApi");
        assertThat(echo.at("/Route1/Properties/Method").asText()).isEqualTo("any");
        assertThat(echo.at("/Route2/Properties/Path").asText()).isEqualTo("/echo/{path+}");
        JsonNode files = resources.at("/FilesFunction/Properties/Events");
        assertThat(files.at("/Route1/Properties/Method").asText()).isEqualTo("get");
        assertThat(files.at("/Route2/Properties/Method").asText()).isEqualTo("delete");
        assertThat(resources.at("/GreetFunction/Properties").has("Events")).isFalse();

        JsonNode orders = resources.at("/OrdersFunction/Properties/Events/Queue");
        assertThat(orders.get("Type").asText()).isEqualTo("SQS");
        assertThat(orders.at("/Properties/Queue/Fn::GetAtt/0").asText()).isEqualTo("OrdersQueueQueue");
        assertThat(orders.at("/Properties/Queue/Fn::GetAtt/1").asText()).isEqualTo("Arn");
        assertThat(orders.at("/Properties/BatchSize").asInt()).isEqualTo(10);
        assertThat(orders.at("/Properties/FunctionResponseTypes/0").asText()).isEqualTo("ReportBatchItemFailures");
        assertThat(orders.at("/Properties").has("MaximumBatchingWindowInSeconds")).isFalse();
        assertThat(resources.at("/OrdersQueueQueue/Type").asText()).isEqualTo("AWS::SQS::Queue");
        assertThat(resources.at("/OrdersQueueQueue/Properties/QueueName").asText()).isEqualTo("orders-queue");
        assertThat(resources.at("/OrdersQueueQueue/Properties/VisibilityTimeout").asInt()).isEqualTo(360);

        JsonNode audit = resources.at("/AuditFunction/Properties/Events/Topic");
        assertThat(audit.get("Type").asText()).isEqualTo("SNS");
        assertThat(audit.at("/Properties/Topic/Ref").asText()).isEqualTo("AuditEventsTopic");
        assertThat(resources.at("/AuditEventsTopic/Properties/TopicName").asText()).isEqualTo("audit-events");

        JsonNode uploads = resources.at("/UploadsFunction/Properties/Events/Storage");
        assertThat(uploads.get("Type").asText()).isEqualTo("S3");
        assertThat(uploads.at("/Properties/Bucket/Ref").asText()).isEqualTo("UploadsBucket");
        assertThat(uploads.at("/Properties/Events").toString()).isEqualTo("[\"s3:ObjectCreated:*\"]");
        assertThat(resources.at("/DeletionsFunction/Properties/Events/Storage/Properties/Events").toString())
                .isEqualTo("[\"s3:ObjectRemoved:*\",\"s3:LifecycleExpiration:*\"]");
        assertThat(resources.at("/UploadsBucket/Type").asText()).isEqualTo("AWS::S3::Bucket");
        assertThat(resources.at("/UploadsBucket/Properties/BucketName/Ref").asText()).isEqualTo("UploadsBucketName");
        assertThat(template.at("/Parameters/UploadsBucketName/Default").asText()).isEqualTo("uploads");

        JsonNode nightly = resources.at("/NightlyFunction/Properties/Events/Schedule");
        assertThat(nightly.get("Type").asText()).isEqualTo("Schedule");
        assertThat(nightly.at("/Properties/Schedule").asText()).isEqualTo("cron(0 2 * * ? *)");
        assertThat(nightly.at("/Properties/Enabled").asBoolean()).isTrue();

        JsonNode clicks = resources.at("/ClicksFunction/Properties/Events/Stream");
        assertThat(clicks.get("Type").asText()).isEqualTo("Kinesis");
        assertThat(clicks.at("/Properties/Stream/Fn::Sub").asText())
                .isEqualTo("arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/clicks-stream");
        assertThat(clicks.at("/Properties/StartingPosition").asText()).isEqualTo("LATEST");
        assertThat(clicks.at("/Properties/BatchSize").asInt()).isEqualTo(100);
        assertThat(clicks.at("/Properties/FunctionResponseTypes/0").asText()).isEqualTo("ReportBatchItemFailures");

        JsonNode inventory = resources.at("/InventoryFunction/Properties/Events/Change");
        assertThat(inventory.get("Type").asText()).isEqualTo("DynamoDB");
        assertThat(inventory.at("/Properties/Stream/Ref").asText()).isEqualTo("InventoryTableStreamArn");
        assertThat(template.at("/Parameters/InventoryTableStreamArn/Type").asText()).isEqualTo("String");
        assertThat(inventory.at("/Properties/FunctionResponseTypes/0").asText()).isEqualTo("ReportBatchItemFailures");
        assertThat(template.at("/Outputs/HttpApiUrl/Value/Fn::Sub").asText()).contains("${ServerlessHttpApi}");
    }

    @Test
    void optionsAndSettingsReachTheTemplate() throws Exception {
        new AwsPackager().pack(context(Application.of(new OptionsApp()), Map.of("aws.runtime", "java21",
                "aws.architecture", "arm64", "aws.startingPosition", "trim_horizon", "aws.alias", "prod"), List.of()));
        JsonNode template = YAML.readTree(temp.resolve("out/aws/template.yaml").toFile());
        JsonNode resources = template.get("Resources");
        JsonNode api = resources.at("/ApiFunction/Properties");
        assertThat(api.get("Runtime").asText()).isEqualTo("java21");
        assertThat(api.at("/Architectures/0").asText()).isEqualTo("arm64");
        assertThat(api.get("MemorySize").asInt()).isEqualTo(1024);
        assertThat(api.get("Timeout").asInt()).isEqualTo(3);
        assertThat(api.get("ReservedConcurrentExecutions").asInt()).isEqualTo(20);
        assertThat(api.get("AutoPublishAlias").asText()).isEqualTo("prod");
        assertThat(api.at("/ProvisionedConcurrencyConfig/ProvisionedConcurrentExecutions").asInt()).isEqualTo(2);
        assertThat(api.at("/Environment/Variables/MODE").asText()).isEqualTo("on");
        assertThat(api.at("/Environment/Variables/START").asText()).isEqualTo("2010-09-09");
        assertThat(api.at("/Events/Route1/Properties/Method").asText()).isEqualTo("get");
        assertThat(api.at("/Events/Route3/Properties/Path").asText()).isEqualTo("/files/{path+}");
        JsonNode alerts = resources.at("/AlertsFunction/Properties");
        assertThat(alerts.at("/Events/Topic/Properties/Topic").asText())
                .isEqualTo("arn:aws:sns:eu-west-1:111122223333:alerts");
        assertThat(alerts.at("/EventInvokeConfig/MaximumRetryAttempts").asInt()).isEqualTo(2);
        assertThat(log).anyMatch(l -> l.contains("'alerts' asks for 5 retries"));
        assertThat(resources.at("/ArchiveFunction/Properties/Events/Storage/Properties/Events").toString())
                .isEqualTo("[\"s3:LifecycleTransition\",\"s3:ObjectRestore:*\",\"s3:IntelligentTiering\"]");
        assertThat(resources.at("/MyArchiveBucket/Properties/BucketName/Ref").asText())
                .isEqualTo("MyArchiveBucketName");
        assertThat(resources.at("/ChangesFunction/Properties/Events/Storage/Properties/Bucket/Ref").asText())
                .isEqualTo("MyArchiveBucket");
        assertThat(resources.at("/ChangesFunction/Properties/Events/Storage/Properties/Events").size()).isEqualTo(4);
        JsonNode bulk = resources.at("/BulkFunction/Properties/Events/Queue/Properties");
        assertThat(bulk.get("BatchSize").asInt()).isEqualTo(500);
        assertThat(bulk.get("MaximumBatchingWindowInSeconds").asInt()).isEqualTo(1);
        assertThat(resources.at("/BulkQueueQueue/Properties/VisibilityTimeout").asInt()).isEqualTo(1800);
        assertThat(log).anyMatch(l -> l.contains("'bulk-audit' declares a retry policy"));
        JsonNode feed = resources.at("/FeedFunction/Properties/Events/Stream/Properties");
        assertThat(feed.get("Stream").asText()).isEqualTo("arn:aws:kinesis:eu-west-1:111122223333:stream/feed");
        assertThat(feed.get("StartingPosition").asText()).isEqualTo("TRIM_HORIZON");
        assertThat(feed.get("MaximumRetryAttempts").asInt()).isEqualTo(3);
        assertThat(resources.at("/WeekdaysFunction/Properties/Events/Schedule/Properties/Schedule").asText())
                .isEqualTo("cron(30 6 ? * MON-FRI *)");
        assertThat(resources.at("/LedgerFunction/Properties/Events/Change/Properties/Stream").asText())
                .startsWith("arn:aws:dynamodb:");
        assertThat(template.at("/Parameters").has("LedgerStreamArn")).isFalse();
        assertThat(log).anyMatch(l -> l.contains("'ledger' declares concurrency 4"));
    }

    @Test
    void snapStartIsAppliedToPublishedVersions() throws Exception {
        new AwsPackager().pack(context(AwsTestApp.application(), Map.of("aws.snapStart", "true"), List.of()));
        JsonNode echo = YAML.readTree(temp.resolve("out/aws/template.yaml").toFile())
                .at("/Resources/EchoFunction/Properties");
        assertThat(echo.at("/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(echo.get("AutoPublishAlias").asText()).isEqualTo("live");
    }

    @Test
    void impossibleSettingsFailWithAMessage() {
        assertThatThrownBy(() -> new AwsPackager().pack(context(AwsTestApp.application(),
                Map.of("aws.runtime", "java11"), List.of()))).hasMessageContaining("aws.runtime 'java11'");
        assertThatThrownBy(() -> new AwsPackager().pack(context(AwsTestApp.application(),
                Map.of("aws.architecture", "sparc"), List.of()))).hasMessageContaining("[x86_64, arm64]");
        assertThatThrownBy(() -> new AwsPackager().pack(context(Application.of(new OptionsApp()),
                Map.of("aws.snapStart", "true"), List.of()))).hasMessageContaining("'api' asks for minInstances 2");
        assertThatThrownBy(() -> new AwsPackager().pack(context(Application.of(functions ->
                functions.http("slow", (r, c) -> HttpResponse.noContent()).timeout(Duration.ofMinutes(16))),
                Map.of(), List.of()))).hasMessageContaining("at most 900 s");
        assertThatThrownBy(() -> new AwsPackager().pack(context(Application.of(functions ->
                functions.queue("fifo", "jobs.fifo", String.class, (e, c) -> { }).batchSize(50)),
                Map.of(), List.of()))).hasMessageContaining("FIFO queues at most 10");
    }

    @Test
    void namesAndPathsAreTranslated() {
        assertThat(SamTemplate.pascal("orders-queue")).isEqualTo("OrdersQueue");
        assertThat(SamTemplate.pascal("my.bucket_1")).isEqualTo("MyBucket1");
        assertThat(SamTemplate.pascal("9lives")).isEqualTo("R9lives");
        assertThat(SamTemplate.samPath("/a/{id}/b/{+rest}")).isEqualTo("/a/{id}/b/{rest+}");
    }
}
