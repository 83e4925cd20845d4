package dev.fnkit.it.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.core.Json;
import dev.fnkit.local.lambda.LambdaRuntimeApiEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code samples/triggers} ({@code target/fnkit/aws/function.zip}) under the real AWS Lambda runtime
 * interface client, one child JVM per function as Lambda runs them, each against the Runtime API emulator and fed the
 * events AWS sends, shaped as AWS documents them. Event functions record what they received in
 * {@code FNKIT_RECORD_DIR}.
 */
class AwsRuntimeInterfaceClientTest {
    private static final String[] FUNCTIONS = {"echo", "greet", "orders", "audit", "uploads", "nightly", "clicks",
            "inventory"};

    @TempDir
    static Path work;

    private static Path records;
    private static final Map<String, LambdaRuntime> RUNTIMES = new LinkedHashMap<>();

    @BeforeAll
    static void startRuntimes() throws Exception {
        String samples = System.getProperty("fnkit.samples.dir");
        Path zip = Path.of(samples == null ? "samples" : samples, "triggers", "target", "fnkit", "aws",
                "function.zip");
        if (!Files.isRegularFile(zip)) {
            throw new AssertionError("No packaged sample at " + zip.toAbsolutePath() + ": build it first with"
                    + " ./mvnw install -pl samples/triggers -am (fnkit-maven-plugin with fnkit-aws writes"
                    + " target/fnkit/aws/function.zip)");
        }
        Path task = LambdaRuntime.unzip(zip, Files.createDirectories(work.resolve("task")));
        records = Files.createDirectories(work.resolve("records"));
        Path logs = Files.createDirectories(work.resolve("logs"));
        Path jni = LambdaRuntime.jniLibrary(work);
        java.util.regex.Matcher app = java.util.regex.Pattern.compile("FNKIT_APP: (\\S+)")
                .matcher(Files.readString(zip.resolveSibling("template.yaml")));
        if (!app.find()) {
            throw new AssertionError("the SAM template names no FNKIT_APP");
        }
        for (String function : FUNCTIONS) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("FNKIT_RECORD_DIR", records.toString());
            env.put("FNKIT_APP", app.group(1));
            if (function.equals("orders")) {
                env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
            }
            RUNTIMES.put(function, LambdaRuntime.start(task, jni, function, Duration.ofSeconds(60), env, logs));
        }
        RUNTIMES.put("missing", LambdaRuntime.start(task, jni, "no-such-function", Duration.ofSeconds(60),
                Map.of(), logs));
    }

    @AfterAll
    static void stopRuntimes() throws InterruptedException {
        for (LambdaRuntime runtime : RUNTIMES.values()) {
            runtime.close();
        }
    }

    private static byte[] event(String name) {
        try (InputStream in = AwsRuntimeInterfaceClientTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no event " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LambdaRuntimeApiEmulator.Result invoke(String function, byte[] event) throws Exception {
        LambdaRuntimeApiEmulator.Result result = RUNTIMES.get(function).invoke(event);
        assertThat(result.failed()).as("%s failed: %s\nlog:\n%s", function, result.payloadText(),
                RUNTIMES.get(function).output()).isFalse();
        return result;
    }

    private static JsonNode json(LambdaRuntimeApiEmulator.Result result) {
        return Json.tree(result.payload());
    }

    private static JsonNode echo(JsonNode response) {
        assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(200);
        assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
        return Json.tree(response.get("body").asText().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<JsonNode> recorded(String function) throws IOException {
        Path file = records.resolve(function + ".jsonl");
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                lines.add(Json.tree(line.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return lines;
    }

    private static void assertEchoFidelity(JsonNode echo, boolean multiValue) {
        assertThat(echo.get("method").asText()).isEqualTo("PUT");
        assertThat(echo.get("path").asText()).isEqualTo("/echo/a/b%20c");
        assertThat(echo.get("pathParameters").get("path").asText()).isEqualTo("a/b c");
        assertThat(values(echo.get("query").get("x"))).containsExactly(multiValue ? new String[] {"1", "2"}
                : new String[] {"2"});
        assertThat(values(echo.get("query").get("y"))).containsExactly("");
        assertThat(values(echo.get("query").get("q"))).containsExactly("été x");
        assertThat(echo.get("cookies").get("a").asText()).isEqualTo("1");
        assertThat(echo.get("cookies").get("b").asText()).isEqualTo("2");
        assertThat(Base64.getDecoder().decode(echo.get("bodyBase64").asText()))
                .containsExactly(0, 1, 0xfe, 0xff, 10);
        assertThat(echo.get("bodyText").isNull()).isTrue();
        assertThat(echo.get("sourceIp").asText()).isEqualTo("203.0.113.9");
        assertThat(echo.get("provider").asText()).isEqualTo("AWS_LAMBDA");
    }

    @Test
    void echoThroughApiGatewayRestV1() throws Exception {
        LambdaRuntimeApiEmulator.Result result = invoke("echo", event("apigw-rest-v1.json"));
        JsonNode response = json(result);
        assertThat(response.has("multiValueHeaders")).isTrue();
        assertThat(values(response.get("multiValueHeaders").get("content-type"))).containsExactly("application/json");
        JsonNode echo = echo(response);
        assertEchoFidelity(echo, true);
        assertThat(values(echo.get("headers").get("x-multi"))).containsExactly("one", "two");
        assertThat(echo.get("requestId").asText()).isEqualTo(result.requestId());
    }

    @Test
    void echoThroughHttpApiV2() throws Exception {
        JsonNode response = json(invoke("echo", event("apigw-http-v2.json")));
        assertThat(response.get("headers").get("content-type").asText()).isEqualTo("application/json");
        assertThat(response.has("multiValueHeaders")).isFalse();
        JsonNode echo = echo(response);
        assertEchoFidelity(echo, true);
        assertThat(values(echo.get("headers").get("x-multi"))).containsExactly("one,two");
        assertThat(values(echo.get("headers").get("accept"))).containsExactly("text/html", "application/json;q=0.9");
        assertThat(values(echo.get("headers").get("x-forwarded-for"))).containsExactly("198.51.100.1",
                "203.0.113.9");
        assertThat(values(echo.get("headers").get("if-modified-since")))
                .containsExactly("Tue, 12 Mar 2024 19:03:58 GMT");
    }

    @Test
    void echoThroughAFunctionUrl() throws Exception {
        JsonNode echo = echo(json(invoke("echo", event("function-url.json"))));
        assertEchoFidelity(echo, true);
        assertThat(values(echo.get("headers").get("host")))
                .containsExactly("r3pmxmplak7pzj4vopkzxdddbe0pwbwn.lambda-url.us-east-1.on.aws");
    }

    @Test
    void echoThroughAnAlbInBothModes() throws Exception {
        JsonNode single = json(invoke("echo", event("alb-single.json")));
        assertThat(single.get("statusDescription").asText()).isEqualTo("200 OK");
        assertThat(single.has("headers")).isTrue();
        assertThat(single.has("multiValueHeaders")).isFalse();
        JsonNode singleEcho = echo(single);
        assertEchoFidelity(singleEcho, false);
        assertThat(values(singleEcho.get("headers").get("x-multi"))).containsExactly("two");

        JsonNode multi = json(invoke("echo", event("alb-multi.json")));
        assertThat(multi.get("statusDescription").asText()).isEqualTo("200 OK");
        assertThat(multi.has("multiValueHeaders")).isTrue();
        assertThat(multi.has("headers")).isFalse();
        JsonNode multiEcho = echo(multi);
        assertEchoFidelity(multiEcho, true);
        assertThat(values(multiEcho.get("headers").get("x-multi"))).containsExactly("one", "two");
    }

    @Test
    void echoAnswersAMalformedEventWithAProblemNotAnInvocationError() throws Exception {
        JsonNode response = json(invoke("echo", event("sqs.json")));
        assertThat(response.get("statusCode").asInt()).isEqualTo(400);
        assertThat(response.get("body").asText()).contains("malformed-event");
    }

    @Test
    void greetIsInvokedDirectly() throws Exception {
        assertThat(invoke("greet", "{\"name\":\"Ada\"}".getBytes()).payloadText())
                .isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
        LambdaRuntimeApiEmulator.Result failed = RUNTIMES.get("greet").invoke("{}".getBytes());
        assertThat(failed.failed()).isTrue();
        assertThat(failed.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(failed);
        assertThat(error.get("errorType").asText()).isEqualTo("dev.fnkit.api.FunctionException");
        assertThat(error.get("errorMessage").asText()).contains("Say who to greet");
    }

    @Test
    void ordersReportOnlyTheFailedMessageAndLogJson() throws Exception {
        LambdaRuntimeApiEmulator.Result result = invoke("orders", event("sqs.json"));
        assertThat(json(result).toString()).isEqualTo(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"2e1424d4-f796-459a-8184-9c92662be6da\"}]}");
        List<JsonNode> orders = recorded("orders");
        assertThat(orders).extracting(o -> o.get("data").get("id").asText()).containsExactly("o1", "o3");
        assertThat(orders.get(0).get("id").asText()).isEqualTo("059f36b4-87a3-44ab-83d2-661975830a7d");
        assertThat(orders.get(0).get("source").asText()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:orders-queue");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : RUNTIMES.get("orders").output().split("\n")) {
            if (line.startsWith("{") && line.contains("\"requestId\"")) {
                lines.add(Json.tree(line.getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("message").asText()).isEqualTo("processed order");
            assertThat(line.get("orderId").asText()).isEqualTo("o1");
            assertThat(line.get("requestId").asText()).isEqualTo(result.requestId());
            assertThat(line.get("level").asText()).isEqualTo("INFO");
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("level").asText()).isEqualTo("ERROR");
            assertThat(line.get("stackTrace").asText()).contains("order o2 cannot be processed");
        });
    }

    @Test
    void auditReceivesTheSnsMessage() throws Exception {
        invoke("audit", event("sns.json"));
        JsonNode audit = recorded("audit").get(0);
        assertThat(audit.get("id").asText()).isEqualTo("95df01b4-ee98-5cb9-9903-4c221d41eb5e");
        assertThat(audit.get("type").asText()).isEqualTo("com.amazonaws.sns.Notification");
        assertThat(audit.get("subject").asText()).isEqualTo("login");
        JsonNode data = audit.get("data");
        assertThat(data.get("topic").asText()).isEqualTo("arn:aws:sns:us-east-1:123456789012:audit-events");
        assertThat(new String(Base64.getDecoder().decode(data.get("body").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"actor\":\"ada\",\"action\":\"login\"}");
        assertThat(data.get("attributes").get("origin").asText()).isEqualTo("web");
    }

    @Test
    void uploadsGetTheDecodedS3Key() throws Exception {
        invoke("uploads", event("s3-put.json"));
        JsonNode upload = recorded("uploads").get(0);
        assertThat(upload.get("subject").asText()).isEqualTo("photos/cat photo+1%.png");
        JsonNode data = upload.get("data");
        assertThat(data.get("bucket").asText()).isEqualTo("uploads");
        assertThat(data.get("key").asText()).isEqualTo("photos/cat photo+1%.png");
        assertThat(data.get("change").asText()).isEqualTo("CREATED");
        assertThat(data.get("size").asLong()).isEqualTo(1024);
    }

    @Test
    void nightlyGetsTheScheduledEvent() throws Exception {
        invoke("nightly", event("eventbridge-scheduled.json"));
        JsonNode tick = recorded("nightly").get(0);
        assertThat(tick.get("type").asText()).isEqualTo("Scheduled Event");
        assertThat(tick.get("data").get("schedule").asText()).isEqualTo("triggers-NightlyFunctionNightly-1X2Y3Z");
        assertThat(tick.get("data").get("scheduledTime").asText()).isEqualTo("2024-03-12T02:00:00Z");
    }

    @Test
    void clicksReceiveTheKinesisRecordsInOrder() throws Exception {
        assertThat(json(invoke("clicks", event("kinesis.json"))).toString()).isEqualTo("{\"batchItemFailures\":[]}");
        List<JsonNode> clicks = recorded("clicks");
        assertThat(clicks).extracting(c -> c.get("data").get("sequenceNumber").asText()).containsExactly(
                "49590338271490256608559692538361571095921575989136588898",
                "49590338271490256608559692540925702759324208523137515618",
                "49590338271490256608559692541114212146447788307548930146");
        assertThat(clicks).extracting(c -> c.get("id").asText())
                .isEqualTo(clicks.stream().map(c -> c.get("data").get("sequenceNumber").asText()).toList());
        JsonNode first = clicks.get(0).get("data");
        assertThat(new String(Base64.getDecoder().decode(first.get("data").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"page\":\"/home\"}");
        assertThat(first.get("partitionKey").asText()).isEqualTo("user-1");
        assertThat(first.get("shard").asText()).isEqualTo("shardId-000000000006");
        assertThat(first.get("stream").asText()).isEqualTo("clicks-stream");
    }

    @Test
    void inventoryGetsPlainJsonImages() throws Exception {
        assertThat(json(invoke("inventory", event("dynamodb.json"))).toString())
                .isEqualTo("{\"batchItemFailures\":[]}");
        List<JsonNode> changes = recorded("inventory");
        assertThat(changes).extracting(c -> c.get("data").get("type").asText())
                .containsExactly("INSERT", "MODIFY", "REMOVE");
        JsonNode insert = changes.get(0).get("data");
        assertThat(insert.get("source").asText()).isEqualTo("inventory-table");
        assertThat(insert.get("keys").toString()).isEqualTo("{\"sku\":\"A1\"}");
        JsonNode image = insert.get("newImage");
        assertThat(image.get("qty").isIntegralNumber()).isTrue();
        assertThat(image.get("qty").asInt()).isEqualTo(3);
        assertThat(image.get("price").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(image.get("active").asBoolean()).isTrue();
        assertThat(image.get("note").isNull()).isTrue();
        assertThat(image.get("dims").toString()).isEqualTo("{\"w\":10,\"h\":-2.5}");
        assertThat(image.get("colors").toString()).isEqualTo("[\"red\",\"blue\"]");
        assertThat(changes.get(1).get("data").get("oldImage").get("qty").asInt()).isEqualTo(3);
    }

    @Test
    void anUnknownFunctionIsAnInitErrorReportedToTheCaller() throws Exception {
        LambdaRuntimeApiEmulator.Result result = RUNTIMES.get("missing").invoke("{}".getBytes());
        assertThat(result.failed()).isTrue();
        assertThat(result.payloadText()).contains("no-such-function").contains("echo").contains("orders");
        assertThat(RUNTIMES.get("missing").emulator.initError()).isNotNull();
    }
}
