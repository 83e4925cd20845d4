package dev.fnkit.compat.aws;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
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
import dev.fnkit.api.ChangeRecord;
import dev.fnkit.api.Event;
import dev.fnkit.api.EventDeclaration;
import dev.fnkit.api.Functions;
import dev.fnkit.api.HttpDeclaration;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.StreamRecord;
import dev.fnkit.api.TopicMessage;
import dev.fnkit.api.Trigger;
import dev.fnkit.api.TypedDeclaration;

import java.util.List;

/**
 * Declares existing AWS Lambda handlers as portable fnkit functions, so that unchanged Lambda code runs on every
 * fnkit target. Each method takes the application's {@link Functions}, a portable function name, the trigger's
 * source and the handler, and returns the usual declaration to chain options on:
 *
 * <pre>{@code
 * AwsCompat.http(functions, "orders-api", new OrdersApiHandler()).route("GET", "/orders/{id}");
 * AwsCompat.sqs(functions, "orders", "orders-queue", new OrdersQueueHandler()).batchSize(10);
 * }</pre>
 *
 * <p>At each invocation the AWS event is synthesised from the portable request or events (see each method), the
 * handler gets a Lambda {@code Context} built from fnkit's (on AWS itself, the real one), and its answer is mapped
 * back: API Gateway responses to HTTP responses, {@code batchItemFailures} to the portable {@code BatchResult}. A
 * handler that throws fails the invocation as on Lambda: a 500 for HTTP, a retry for events, the whole batch for
 * queues and streams.
 */
public final class AwsCompat {
    private AwsCompat() {
    }

    /** An HTTP API (payload format 2.0) or function URL handler as an HTTP function; declare its routes. */
    public static HttpDeclaration http(Functions functions, String name,
                                       RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        Declared declared = new Declared();
        return new CompatHttpDeclaration(functions.http(name, (request, context) -> HttpApiEvents.toResponse(
                handler.handleRequest(HttpApiEvents.toEvent(request, context, declared),
                        PortableLambdaContext.of(context, declared)))), declared);
    }

    /** A REST API (payload format 1.0) proxy handler as an HTTP function; declare its routes. */
    public static HttpDeclaration restApi(Functions functions, String name,
                                          RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>
                                                  handler) {
        Declared declared = new Declared();
        return new CompatHttpDeclaration(functions.http(name, (request, context) -> RestApiEvents.toResponse(
                handler.handleRequest(RestApiEvents.toEvent(request, context, declared),
                        PortableLambdaContext.of(context, declared)))), declared);
    }

    /**
     * A {@link RequestStreamHandler} that serves API Gateway HTTP API (2.0) events as an HTTP function: it reads the
     * event as JSON and writes the response JSON; declare its routes.
     */
    public static HttpDeclaration httpStream(Functions functions, String name, RequestStreamHandler handler) {
        Declared declared = new Declared();
        return new CompatHttpDeclaration(functions.http(name, new HttpStreamFunction(handler, declared)), declared);
    }

    /**
     * An SQS handler on {@code queue}: each batch is one {@link SQSEvent}; a returned {@link SQSBatchResponse}
     * reports the failed messages (any other result means all succeeded).
     */
    public static EventDeclaration sqs(Functions functions, String name, String queue,
                                       RequestHandler<SQSEvent, ?> handler) {
        Declared declared = new Declared();
        return new CompatEventDeclaration(functions.batch(name, Trigger.queue(queue), QueueMessage.class,
                BatchFailures.function(Event::id, (events, context) -> sqsFailures(handler.handleRequest(
                        SqsEvents.toEvent(events, queue), PortableLambdaContext.of(context, declared))))), declared);
    }

    /** An SNS handler on {@code topic}: each message is one {@link SNSEvent} of one record. */
    public static EventDeclaration sns(Functions functions, String name, String topic,
                                       RequestHandler<SNSEvent, ?> handler) {
        Declared declared = new Declared();
        return new CompatEventDeclaration(functions.topic(name, topic, TopicMessage.class, (event, context) ->
                handler.handleRequest(SnsEvents.toEvent(event, topic), PortableLambdaContext.of(context, declared))),
                declared);
    }

    /** An S3 notification handler on {@code bucket}: each change is one {@link S3Event} of one record. */
    public static EventDeclaration s3(Functions functions, String name, String bucket, StorageChange change,
                                      RequestHandler<S3Event, ?> handler) {
        Declared declared = new Declared();
        return new CompatEventDeclaration(functions.storage(name, bucket, change, (event, context) ->
                handler.handleRequest(S3Events.toEvent(event), PortableLambdaContext.of(context, declared))),
                declared);
    }

    /** An EventBridge schedule handler on a standard 5-field cron in UTC: each tick is one {@link ScheduledEvent}. */
    public static EventDeclaration scheduled(Functions functions, String name, String cron,
                                             RequestHandler<ScheduledEvent, ?> handler) {
        Declared declared = new Declared();
        return new CompatEventDeclaration(functions.schedule(name, cron, (event, context) ->
                handler.handleRequest(ScheduledEvents.toEvent(event), PortableLambdaContext.of(context, declared))),
                declared);
    }

    /**
     * A Kinesis handler on {@code stream}: each batch is one {@link KinesisEvent}; a returned
     * {@link StreamsEventResponse} reports failed records by sequence number.
     */
    public static EventDeclaration kinesis(Functions functions, String name, String stream,
                                           RequestHandler<KinesisEvent, ?> handler) {
        Declared declared = new Declared();
        return new CompatEventDeclaration(functions.batch(name, Trigger.stream(stream), StreamRecord.class,
                BatchFailures.function(e -> BatchFailures.ownOrEventId(e.data().sequenceNumber(), e),
                        (events, context) -> streamFailures(handler.handleRequest(KinesisEvents.toEvent(events, stream),
                                PortableLambdaContext.of(context, declared))))), declared);
    }

    /**
     * A DynamoDB Streams handler on {@code table}: each batch is one {@link DynamodbEvent}; a returned
     * {@link StreamsEventResponse} reports failed records by sequence number.
     */
    public static EventDeclaration dynamodb(Functions functions, String name, String table,
                                            RequestHandler<DynamodbEvent, ?> handler) {
        Declared declared = new Declared();
        return new CompatEventDeclaration(functions.batch(name, Trigger.change(table), ChangeRecord.class,
                BatchFailures.function(e -> BatchFailures.ownOrEventId(e.data().sequenceNumber(), e),
                        (events, context) -> streamFailures(handler.handleRequest(DynamodbEvents.toEvent(events, table),
                                PortableLambdaContext.of(context, declared))))), declared);
    }

    /**
     * A {@link RequestStreamHandler} as a typed (JSON in, JSON out) function: it reads the invocation's JSON and
     * writes its JSON result, as when Lambda is invoked directly.
     */
    public static TypedDeclaration stream(Functions functions, String name, RequestStreamHandler handler) {
        Declared declared = new Declared();
        return new CompatTypedDeclaration(functions.typed(name, JsonNode.class,
                new StreamHandlerFunction(handler, declared)), declared);
    }

    private static List<String> sqsFailures(Object result) {
        if (result instanceof SQSBatchResponse response && response.getBatchItemFailures() != null) {
            return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .toList();
        }
        return List.of();
    }

    private static List<String> streamFailures(Object result) {
        if (result instanceof StreamsEventResponse response && response.getBatchItemFailures() != null) {
            return response.getBatchItemFailures().stream()
                    .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
        }
        return List.of();
    }
}
