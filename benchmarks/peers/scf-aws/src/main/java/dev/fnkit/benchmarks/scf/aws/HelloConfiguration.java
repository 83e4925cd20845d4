package dev.fnkit.benchmarks.scf.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.annotation.Bean;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The benchmarks' hello written as a Spring Cloud Function user would for Lambda: one function bean per event type,
 * taking and returning the AWS event types, answering {@code {"message":"Hello, <name>!"}} with the JSON mapper
 * Spring Cloud Function configures. {@code spring.cloud.function.definition} picks the bean.
 */
@SpringBootApplication
public class HelloConfiguration {
    /** The JSON body of the answer. */
    public record Greeting(String message) {
    }

    /** The JSON body of a queued message. */
    public record Person(String name) {
    }

    /** The last greeting an event function made, so the work cannot be optimised away. */
    static volatile String lastGreeting;

    private static final Map<String, String> JSON = Map.of("content-type", "application/json");

    static String greeting(String name) {
        return "Hello, " + name + "!";
    }

    /** An API Gateway HTTP API (payload 2.0) request for {@code GET /hello/{name}}. */
    @Bean
    public Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> httpApi(JsonMapper json) {
        return event -> {
            String name = event.getPathParameters() == null ? "world" : event.getPathParameters().get("name");
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(JSON)
                    .withBody(new String(json.toJson(new Greeting(greeting(name))), StandardCharsets.UTF_8))
                    .withIsBase64Encoded(false).build();
        };
    }

    /** An API Gateway REST API (proxy) request for {@code GET /hello/{name}}. */
    @Bean
    public Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> restApi(JsonMapper json) {
        return event -> {
            String name = event.getPathParameters() == null ? "world" : event.getPathParameters().get("name");
            return new APIGatewayProxyResponseEvent().withStatusCode(200).withHeaders(JSON)
                    .withBody(new String(json.toJson(new Greeting(greeting(name))), StandardCharsets.UTF_8))
                    .withIsBase64Encoded(false);
        };
    }

    /** An SQS batch: greets each message's {@code name}, reports no failed item. */
    @Bean
    public Function<SQSEvent, SQSBatchResponse> sqs(JsonMapper json) {
        return event -> {
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                Person person = json.fromJson(message.getBody().getBytes(StandardCharsets.UTF_8), Person.class);
                lastGreeting = greeting(person.name());
            }
            return new SQSBatchResponse(List.of());
        };
    }
}
