package dev.fnkit.compat.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.Functions;
import dev.fnkit.api.StorageChange;
import dev.fnkit.core.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain Lambda handlers, written as for AWS, declared through {@link AwsCompat}; event handlers record what they saw. */
public final class LambdaHandlersApp implements FunctionApp {
    static final List<Object> SEEN = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void register(Functions functions) {
        AwsCompat.http(functions, "api-v2", new EchoV2()).route("*", "/v2/{+path}").memoryMb(1024);
        AwsCompat.http(functions, "broken", (event, context) -> APIGatewayV2HTTPResponse.builder()
                .withBody("no status").build()).route("GET", "/broken");
        AwsCompat.httpStream(functions, "proxy", (input, output, context) -> {
            JsonNode event = Json.tree(input.readAllBytes());
            String path = event.path("rawPath").asText();
            String answer = path.endsWith("/plain") ? "{\"plain\":true}"
                    : "{\"statusCode\":202,\"headers\":{\"content-type\":\"text/plain\"},"
                    + "\"cookies\":[\"a=1\",\"b=2\"],\"body\":\"" + event.path("routeKey").asText() + " "
                    + event.path("headers").path("x-multi").asText() + " "
                    + event.path("requestContext").path("http").path("method").asText() + " "
                    + event.has("stageVariables") + " " + event.path("isBase64Encoded").asText() + " "
                    + event.path("requestContext").path("timeEpoch").isNumber() + "\"}";
            output.write(answer.getBytes(StandardCharsets.UTF_8));
        }).route("*", "/proxy/{+path}");
        AwsCompat.restApi(functions, "api-v1", new EchoV1()).route("GET", "/v1/items/{id}");
        AwsCompat.sqs(functions, "orders", "orders-queue", new Orders()).batchSize(10);
        AwsCompat.sqs(functions, "ghosts", "ghosts-queue", (SQSEvent event, Context context) ->
                new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("not-a-message-id"))));
        AwsCompat.kinesis(functions, "clicks", "clicks-stream", new Clicks());
        AwsCompat.dynamodb(functions, "inventory", "inventory-table", new Inventory());
        AwsCompat.sns(functions, "audit", "audit-topic", (SNSEvent event, Context context) -> {
            SEEN.add(event);
            return null;
        });
        AwsCompat.s3(functions, "uploads", "uploads", StorageChange.CREATED, (S3Event event, Context context) -> {
            SEEN.add(event);
            return null;
        });
        AwsCompat.scheduled(functions, "nightly", "0 2 * * *", (ScheduledEvent event, Context context) -> {
            SEEN.add(event);
            return null;
        });
        AwsCompat.stream(functions, "greet", (input, output, context) -> {
            String name = Json.tree(input.readAllBytes()).path("name").asText();
            context.getLogger().log("greeting " + name + "\n");
            output.write(("{\"greeting\":\"Hello, " + name + "!\",\"requestId\":\"" + context.getAwsRequestId()
                    + "\"}").getBytes(StandardCharsets.UTF_8));
        });
    }

    /** Echoes the HTTP API event and a few context values; answers binary bodies with the same bytes. */
    static final class EchoV2 implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            if (event.getIsBase64Encoded()) {
                return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                        .withHeaders(Map.of("content-type", "application/octet-stream"))
                        .withBody(event.getBody()).withIsBase64Encoded(true).build();
            }
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("version", event.getVersion());
            echo.put("routeKey", event.getRouteKey());
            echo.put("rawPath", event.getRawPath());
            echo.put("rawQueryString", event.getRawQueryString());
            echo.put("query", event.getQueryStringParameters());
            echo.put("pathParameters", event.getPathParameters());
            echo.put("headers", event.getHeaders());
            echo.put("cookies", event.getCookies());
            echo.put("body", event.getBody());
            echo.put("method", event.getRequestContext().getHttp().getMethod());
            echo.put("requestId", event.getRequestContext().getRequestId());
            echo.put("awsRequestId", context.getAwsRequestId());
            echo.put("functionName", context.getFunctionName());
            echo.put("memory", context.getMemoryLimitInMB());
            echo.put("remaining", context.getRemainingTimeInMillis());
            return APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                    .withHeaders(Map.of("content-type", "application/json"))
                    .withMultiValueHeaders(Map.of("x-multi", List.of("a", "b")))
                    .withCookies(List.of("session=1; Path=/", "theme=dark"))
                    .withBody(new String(Json.encode(echo), StandardCharsets.UTF_8)).build();
        }
    }

    /** Echoes the REST API event's single- and multi-value maps. */
    static final class EchoV1 implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
        @Override
        public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("resource", event.getResource());
            echo.put("path", event.getPath());
            echo.put("method", event.getHttpMethod());
            echo.put("headers", event.getHeaders());
            echo.put("multiValueHeaders", event.getMultiValueHeaders());
            echo.put("query", event.getQueryStringParameters());
            echo.put("multiQuery", event.getMultiValueQueryStringParameters());
            echo.put("pathParameters", event.getPathParameters());
            echo.put("stage", event.getRequestContext().getStage());
            return new APIGatewayProxyResponseEvent().withStatusCode(200)
                    .withMultiValueHeaders(Map.of("content-type", List.of("application/json"),
                            "x-multi", List.of("one", "two")))
                    .withBody(new String(Json.encode(echo), StandardCharsets.UTF_8));
        }
    }

    /** Fails each message whose body says "fail", reporting it in batchItemFailures. */
    static final class Orders implements RequestHandler<SQSEvent, SQSBatchResponse> {
        @Override
        public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                SEEN.add(message);
                if (message.getBody().contains("fail")) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
            return new SQSBatchResponse(failures);
        }
    }

    /** Fails each record whose data says "fail", by sequence number. */
    static final class Clicks implements RequestHandler<KinesisEvent, StreamsEventResponse> {
        @Override
        public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
            List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
            for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
                String data = StandardCharsets.UTF_8.decode(record.getKinesis().getData()).toString();
                SEEN.add(data);
                if (data.contains("fail")) {
                    failures.add(new StreamsEventResponse.BatchItemFailure(record.getKinesis().getSequenceNumber()));
                }
            }
            return new StreamsEventResponse(failures);
        }
    }

    /** Records each change record; a new image whose sku is "boom" makes the whole batch throw. */
    static final class Inventory implements RequestHandler<DynamodbEvent, Void> {
        @Override
        public Void handleRequest(DynamodbEvent event, Context context) {
            for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
                var image = record.getDynamodb().getNewImage();
                if (image != null && image.containsKey("sku") && "boom".equals(image.get("sku").getS())) {
                    throw new IllegalStateException("inventory store is down");
                }
                SEEN.add(record);
            }
            return null;
        }
    }
}
