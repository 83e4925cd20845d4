package dev.fnkit.aws.fuzz;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Trigger;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.aws.FnkitLambda;
import dev.fnkit.core.Application;
import dev.fnkit.core.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FnkitLambda#handleRequest} with fuzzed event bytes. The functions never fail themselves, so an HTTP
 * function must answer every event with a gateway response below 500, and an event function may only throw a 4xx
 * {@link FunctionException} for a malformed event; anything else is a decoding bug.
 */
class LambdaFuzzTest {
    /** Typed data of queue and stream records. */
    record Order(String id, int quantity) {
    }

    private static final Application APP = Application.of(functions -> {
        functions.http("web", (request, context) -> HttpResponse.builder()
                        .header("x-path", String.valueOf(request.path().length()))
                        .header("x-params", String.valueOf(request.pathParameters().size()))
                        .header("x-cookies", String.valueOf(request.cookies().size()))
                        .body(request.body()).build())
                .route("/echo").route("/items/{id}").route("POST", "/files/{+path}");
        functions.queue("sqs", "orders-queue", Order.class, (event, context) -> event.data());
        functions.batch("sqs-batch", Trigger.queue("raw-queue"), QueueMessage.class,
                (events, context) -> dev.fnkit.api.BatchResult.success());
        functions.stream("kinesis", "clicks-stream", StreamRecord.class, (event, context) -> event.data());
        functions.change("dynamodb", "inventory-table", (event, context) -> event.data().type());
        functions.storage("s3", "uploads", StorageChange.CREATED, (event, context) -> event.data());
        functions.topic("sns", "audit-events", TopicMessage.class, (event, context) -> event.data().text());
        functions.schedule("eventbridge", "0 2 * * *", (event, context) -> event.data());
        functions.typed("typed", Order.class, (in, context) -> Map.of("id", String.valueOf(in)));
    });

    private static final Map<String, FnkitLambda> LAMBDAS = Map.of(
            "web", FnkitLambda.of(APP, "web"), "sqs", FnkitLambda.of(APP, "sqs"),
            "sqs-batch", FnkitLambda.of(APP, "sqs-batch"), "kinesis", FnkitLambda.of(APP, "kinesis"),
            "dynamodb", FnkitLambda.of(APP, "dynamodb"), "s3", FnkitLambda.of(APP, "s3"),
            "sns", FnkitLambda.of(APP, "sns"), "eventbridge", FnkitLambda.of(APP, "eventbridge"),
            "typed", FnkitLambda.of(APP, "typed"));

    @FuzzTest(maxDuration = "30s")
    void http(byte[] event) throws IOException {
        JsonNode response = Json.tree(invoke("web", event));
        int status = response.path("statusCode").asInt();
        assertThat(status).as("response %s", response).isBetween(200, 499);
    }

    @FuzzTest(maxDuration = "30s")
    void sqs(byte[] event) throws IOException {
        deliver("sqs", event);
        deliver("sqs-batch", event);
    }

    @FuzzTest(maxDuration = "30s")
    void kinesis(byte[] event) throws IOException {
        deliver("kinesis", event);
    }

    @FuzzTest(maxDuration = "30s")
    void dynamodb(byte[] event) throws IOException {
        deliver("dynamodb", event);
    }

    @FuzzTest(maxDuration = "30s")
    void s3(byte[] event) throws IOException {
        deliver("s3", event);
    }

    @FuzzTest(maxDuration = "30s")
    void sns(byte[] event) throws IOException {
        deliver("sns", event);
    }

    @FuzzTest(maxDuration = "30s")
    void eventBridge(byte[] event) throws IOException {
        deliver("eventbridge", event);
    }

    /** A typed function invoked directly: the event is its input JSON, the result its output JSON. */
    @FuzzTest(maxDuration = "30s")
    void typed(byte[] event) throws IOException {
        try {
            assertThat(Json.tree(invoke("typed", event)).path("id").isTextual()).isTrue();
        } catch (FunctionException e) {
            assertThat(e.status()).as("status of %s", e.getMessage()).isBetween(400, 499);
        }
    }

    private static void deliver(String function, byte[] event) throws IOException {
        try {
            byte[] out = invoke(function, event);
            if (out.length > 0) {
                JsonNode result = Json.tree(out);
                assertThat(result.path("batchItemFailures").isMissingNode() || result.path("batchItemFailures")
                        .isArray()).as("result %s", result).isTrue();
            }
        } catch (FunctionException e) {
            assertThat(e.status()).as("status of %s", e.getMessage()).isBetween(400, 499);
        }
    }

    private static byte[] invoke(String function, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LAMBDAS.get(function).handleRequest(new ByteArrayInputStream(event), out, new FuzzContext(function));
        return out.toByteArray();
    }

    /** A Lambda context with a fixed, generous deadline and a silent logger. */
    private record FuzzContext(String function) implements Context {
        @Override
        public String getAwsRequestId() {
            return "fuzz-request";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + function;
        }

        @Override
        public String getLogStreamName() {
            return "fuzz";
        }

        @Override
        public String getFunctionName() {
            return function;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:" + function;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                }

                @Override
                public void log(byte[] message) {
                }
            };
        }
    }
}
