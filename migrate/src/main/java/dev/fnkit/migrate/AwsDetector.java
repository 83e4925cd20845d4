package dev.fnkit.migrate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** AWS Lambda {@code RequestHandler} and {@code RequestStreamHandler} classes. */
final class AwsDetector implements ClassDetector {
    static final String RUNTIME = "com/amazonaws/services/lambda/runtime/";
    private static final String EVENTS = RUNTIME + "events/";

    /** How an event type runs on fnkit: its trigger, the compat call (null if none) and the portable kind. */
    private record EventMapping(String trigger, String compat, String portable) {
    }

    private static final Map<String, EventMapping> EVENT_TYPES = Map.of(
            "APIGatewayProxyRequestEvent", new EventMapping("API Gateway REST API (payload 1.0)",
                    "AwsCompat.restApi(functions, %s, new %s())", "an HTTP function: functions.http(name, fn).route(...)"),
            "APIGatewayV2HTTPEvent", new EventMapping("API Gateway HTTP API or function URL (payload 2.0)",
                    "AwsCompat.http(functions, %s, new %s())", "an HTTP function: functions.http(name, fn).route(...)"),
            "ApplicationLoadBalancerRequestEvent", new EventMapping("Application Load Balancer", null,
                    "an HTTP function: functions.http(name, fn).route(...)"),
            "SQSEvent", new EventMapping("SQS queue", "AwsCompat.sqs(functions, %s, \"QUEUE\", new %s())",
                    "a queue function: functions.queue(name, queue, Type.class, fn); for SQSBatchResponse,"
                            + " a BatchFunction returning BatchResult"),
            "SNSEvent", new EventMapping("SNS topic", "AwsCompat.sns(functions, %s, \"TOPIC\", new %s())",
                    "a topic function: functions.topic(name, topic, Type.class, fn)"),
            "S3Event", new EventMapping("S3 bucket notifications",
                    "AwsCompat.s3(functions, %s, \"BUCKET\", StorageChange.CREATED, new %s())",
                    "a storage function: functions.storage(name, bucket, StorageChange.CREATED, fn)"),
            "ScheduledEvent", new EventMapping("EventBridge schedule",
                    "AwsCompat.scheduled(functions, %s, \"0 * * * *\", new %s())",
                    "a schedule function: functions.schedule(name, cron, fn)"),
            "KinesisEvent", new EventMapping("Kinesis stream", "AwsCompat.kinesis(functions, %s, \"STREAM\", new %s())",
                    "a stream function: functions.stream(name, stream, Type.class, fn)"),
            "DynamodbEvent", new EventMapping("DynamoDB stream",
                    "AwsCompat.dynamodb(functions, %s, \"TABLE\", new %s())",
                    "a change function: functions.change(name, table, fn)"));

    @Override
    public List<Handler> detect(ClassInfo info, ClassIndex index, String name) {
        String quoted = Names.quote(name);
        Optional<GenericType> handler = index.implemented(info, RUNTIME + "RequestHandler");
        if (handler.isPresent()) {
            List<GenericType> arguments = handler.get().arguments();
            GenericType input = arguments.isEmpty() ? new GenericType("java/lang/Object", List.of()) : arguments.get(0);
            String eventType = input.display();
            EventMapping mapping = input.name().startsWith(EVENTS)
                    ? EVENT_TYPES.get(input.name().substring(EVENTS.length())) : null;
            if (mapping == null) {
                String portable = "functions.typed(" + quoted + ", " + input.sourceClass()
                        + ".class, (input, context) -> "
                        + Detector.todo(info.javaName(), "handleRequest") + ")";
                return List.of(new Handler("AWS Lambda", "RequestHandler", info.javaName(), "handleRequest", name,
                        "direct invocation with " + eventType, eventType,
                        "a typed function (JSON in, JSON out): functions.typed(name, Input.class, fn)", null,
                        portable, List.of()));
            }
            String compat = mapping.compat() == null ? null : mapping.compat().formatted(quoted, info.javaName());
            String declaration = compat != null ? compat
                    : "functions.http(" + quoted + ", (request, context) -> "
                    + Detector.todo(info.javaName(), "handleRequest") + ")";
            return List.of(new Handler("AWS Lambda", "RequestHandler", info.javaName(), "handleRequest", name,
                    mapping.trigger(), eventType, mapping.portable(), compat, declaration, List.of()));
        }
        if (index.implemented(info, RUNTIME + "RequestStreamHandler").isPresent()) {
            String compat = "AwsCompat.stream(functions, " + quoted + ", new " + info.javaName() + "())";
            return List.of(new Handler("AWS Lambda", "RequestStreamHandler", info.javaName(), "handleRequest", name,
                    "direct invocation with a JSON stream", null,
                    "a typed function (JSON in, JSON out), or an HTTP function when it serves API Gateway",
                    compat, compat, List.of()));
        }
        return List.of();
    }
}
