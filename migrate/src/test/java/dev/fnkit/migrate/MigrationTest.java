package dev.fnkit.migrate;

import dev.fnkit.api.FunctionApp;
import dev.fnkit.core.Application;
import dev.fnkit.core.FunctionDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the fixture handlers, compiled from real provider libraries, and checks the report. */
class MigrationTest {
    static final Path FIXTURES = Path.of("target/test-classes/dev/fnkit/migrate/fixtures");
    private static Map<String, Handler> handlers;
    private static Report report;

    @BeforeAll
    static void analyse() throws Exception {
        report = Migration.analyse(List.of(FIXTURES));
        handlers = report.handlers().stream().collect(Collectors.toMap(Handler::function, Function.identity()));
    }

    @Test
    void findsEveryHandlerAndNothingElse() {
        assertThat(handlers.keySet()).containsExactlyInAnyOrder(
                "orders-api", "orders-queue", "echo-http-api", "report", "price", "inventory-queue",
                "hello-http", "audit-events", "legacy-subscriber",
                "get-item", "process-order", "billing", "thumbnail", "nightly", "grid-events", "telemetry", "changes",
                "uppercase", "process-order-2", "greeting");
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void mapsLambdaEventTypesToTheCompatLayer() {
        Handler api = handlers.get("orders-api");
        assertThat(api.trigger()).isEqualTo("API Gateway REST API (payload 1.0)");
        assertThat(api.eventType()).isEqualTo("APIGatewayProxyRequestEvent");
        assertThat(api.compat()).isEqualTo("AwsCompat.restApi(functions, \"orders-api\","
                + " new dev.fnkit.migrate.fixtures.aws.OrdersApiHandler())");
        assertThat(handlers.get("orders-queue").compat())
                .isEqualTo("AwsCompat.sqs(functions, \"orders-queue\", \"QUEUE\","
                        + " new dev.fnkit.migrate.fixtures.aws.OrdersQueueHandler())");
        assertThat(handlers.get("orders-queue").portable()).contains("BatchResult");
        Handler inherited = handlers.get("echo-http-api");
        assertThat(inherited.eventType()).isEqualTo("APIGatewayV2HTTPEvent");
        assertThat(inherited.compat()).startsWith("AwsCompat.http(functions, \"echo-http-api\"");
        assertThat(handlers.get("report").compat()).startsWith("AwsCompat.stream(functions, \"report\"");
        Handler pojo = handlers.get("price");
        assertThat(pojo.eventType()).isEqualTo("Map<String, Object>");
        assertThat(pojo.compat()).isNull();
        assertThat(pojo.declaration()).startsWith("functions.typed(\"price\", java.util.Map.class, (input, context) ->");
    }

    @Test
    void resolvesTheEventTypeThroughGenericSuperclasses() {
        Handler handler = handlers.get("inventory-queue");
        assertThat(handler.eventType()).isEqualTo("SQSEvent");
        assertThat(handler.trigger()).isEqualTo("SQS queue");
        assertThat(handler.compat()).isEqualTo("AwsCompat.sqs(functions, \"inventory-queue\", \"QUEUE\","
                + " new dev.fnkit.migrate.fixtures.aws.InventoryQueueHandler())");
    }

    @Test
    void reportsLambdaContextCallsThatDoNotCarryOver() {
        assertThat(apis(handlers.get("orders-api"))).containsEntry("Context.getIdentity()", null)
                .containsEntry("Context.getLogger()", "context.logger()")
                .containsEntry("LambdaLogger.log()", "context.logger()");
        assertThat(apis(handlers.get("orders-queue"))).containsEntry("Context.getClientContext()", null)
                .containsEntry("Context.getAwsRequestId()", "context.requestId()");
        assertThat(apis(handlers.get("report"))).containsEntry("Context.getInvokedFunctionArn()", null);
        assertThat(handlers.get("price").apis()).isEmpty();
    }

    @Test
    void mapsCloudFunctions() {
        assertThat(handlers.get("hello-http").compat()).isEqualTo("GcpCompat.http(functions, \"hello-http\","
                + " new dev.fnkit.migrate.fixtures.gcp.HelloHttp())");
        assertThat(apis(handlers.get("hello-http"))).containsEntry("HttpRequest.getParts()", null);
        assertThat(handlers.get("audit-events").compat()).startsWith("GcpCompat.pubSub(functions, \"audit-events\"");
        Handler legacy = handlers.get("legacy-subscriber");
        assertThat(legacy.kind()).isEqualTo("BackgroundFunction");
        assertThat(legacy.eventType()).isEqualTo("LegacySubscriber.PubSubMessage");
        assertThat(legacy.compat()).isEqualTo("GcpCompat.background(functions, \"legacy-subscriber\","
                + " Trigger.topic(\"TOPIC\"), dev.fnkit.migrate.fixtures.gcp.LegacySubscriber.PubSubMessage.class,"
                + " new dev.fnkit.migrate.fixtures.gcp.LegacySubscriber())");
        assertThat(apis(legacy)).containsKey("Context.eventId()");
    }

    @Test
    void mapsAzureTriggersToPortableDeclarations() {
        Handler http = handlers.get("get-item");
        assertThat(http.kind()).isEqualTo("@FunctionName with @HttpTrigger");
        assertThat(http.trigger()).isEqualTo("HTTP GET, POST /items/{id}, auth level ANONYMOUS");
        assertThat(http.declaration()).endsWith(".route(\"GET\", \"/items/{id}\").route(\"POST\", \"/items/{id}\")");
        assertThat(apis(http)).containsEntry("OutputBinding.setValue()", null).containsEntry("@QueueOutput", null)
                .containsEntry("ExecutionContext.getInvocationId()", "context.requestId()")
                .containsEntry("HttpRequestMessage.createResponseBuilder()", "HttpResponse.status(...)")
                .doesNotContainKey("ExecutionContext.getRetryContext()");
        assertThat(apis(handlers.get("process-order"))).containsEntry("ExecutionContext.getRetryContext()", null);
        assertThat(handlers.get("process-order").declaration())
                .startsWith("functions.queue(\"process-order\", \"orders\", String.class,");
        assertThat(handlers.get("billing").trigger()).isEqualTo("Service Bus queue invoices");
        assertThat(handlers.get("thumbnail").declaration())
                .startsWith("functions.storage(\"thumbnail\", \"uploads\", StorageChange.CREATED,");
        assertThat(handlers.get("nightly").trigger()).isEqualTo("timer 0 30 2 * * * (5-field cron 30 2 * * *)");
        assertThat(handlers.get("nightly").declaration()).startsWith("functions.schedule(\"nightly\", \"30 2 * * *\",");
        assertThat(handlers.get("telemetry").declaration()).startsWith("functions.stream(\"telemetry\", \"telemetry\",");
        assertThat(handlers.get("changes").trigger()).isEqualTo("Cosmos DB change feed of shop/orders");
        assertThat(handlers.get("grid-events").declaration()).startsWith("functions.topic(\"grid-events\", \"TOPIC\"");
    }

    @Test
    void mapsSpringFunctionBeansToTheSpringLayer() {
        assertThat(handlers.get("uppercase").eventType()).isEqualTo("Function<String, String>");
        assertThat(handlers.get("uppercase").compat()).isEqualTo("spring().typed(functions, \"uppercase\")");
        assertThat(handlers.get("process-order-2").compat())
                .isEqualTo("spring().typed(functions, \"process-order-2\", \"processOrder\")");
        assertThat(handlers.get("greeting").kind()).isEqualTo("Supplier @Bean");
        assertThat(handlers.get("greeting").compat()).isEqualTo("spring().typed(functions, \"greeting\")");
        assertThat(report.suggestedApp())
                .contains("extends SpringFunctionApp")
                .contains("super(dev.fnkit.migrate.fixtures.spring.ShopConfiguration.class);")
                .contains("import dev.fnkit.compat.aws.AwsCompat;")
                .contains("import dev.fnkit.compat.gcp.GcpCompat;")
                .contains("import dev.fnkit.api.Trigger;");
    }

    @Test
    void suggestsAFunctionAppThatCompilesAndDeclaresValidFunctions(@TempDir Path dir) throws Exception {
        Report azure = Migration.analyse(List.of(FIXTURES.resolve("azure")));
        Path source = dir.resolve(SuggestedApp.CLASS_NAME + ".java");
        Files.writeString(source, azure.suggestedApp());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-d", dir.toString(),
                "-cp", System.getProperty("java.class.path"), source.toString());
        assertThat(status).as(errors.toString()).isZero();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            FunctionApp app = (FunctionApp) loader.loadClass(SuggestedApp.CLASS_NAME).getDeclaredConstructor()
                    .newInstance();
            Application application = Application.of(app);
            assertThat(application.functions()).extracting(FunctionDefinition::name).containsExactly(
                    "get-item", "process-order", "billing", "thumbnail", "nightly", "grid-events", "telemetry",
                    "changes");
        }
    }

    private static Map<String, String> apis(Handler handler) {
        Map<String, String> apis = new java.util.LinkedHashMap<>();
        handler.apis().forEach(api -> apis.put(api.api(), api.portable()));
        return apis;
    }
}
