package dev.fnkit.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Azure Functions methods: {@code @FunctionName} with their trigger annotation. */
final class AzureDetector implements Detector {
    static final String ANNOTATIONS = "com/microsoft/azure/functions/annotation/";
    private static final String FUNCTION_NAME = "L" + ANNOTATIONS + "FunctionName;";

    @Override
    public List<Handler> detect(ClassInfo info, ClassIndex index) {
        List<Handler> handlers = new ArrayList<>();
        for (MethodInfo method : info.methods()) {
            Optional<AnnotationInfo> functionName = method.annotation(FUNCTION_NAME);
            if (functionName.isEmpty()) {
                continue;
            }
            String azureName = functionName.get().string("value").orElse(method.name());
            String name = Names.function(azureName);
            Optional<AnnotationInfo> trigger = method.parameterAnnotations().stream().flatMap(List::stream)
                    .filter(a -> a.packageName().equals(ANNOTATIONS) && a.simpleName().endsWith("Trigger"))
                    .findFirst();
            handlers.add(trigger.map(t -> handler(info, method, name, t))
                    .orElseGet(() -> new Handler("Azure Functions", "@FunctionName", info.javaName(), method.name(),
                            name, "none found (a binding declared in a hand-written function.json?)", null,
                            "declare the trigger in the FunctionApp", null, "// " + name + ": no trigger annotation",
                            List.of())));
        }
        return handlers;
    }

    private static Handler handler(ClassInfo info, MethodInfo method, String name, AnnotationInfo trigger) {
        String quoted = Names.quote(name);
        String todo = Detector.todo(info.javaName(), method.name());
        String event = "(event, context) -> " + todo + ")";
        String kind = "@FunctionName with @" + trigger.simpleName();
        String simple = trigger.simpleName();
        String text;
        String portable;
        String declaration;
        switch (simple) {
            case "HttpTrigger" -> {
                String route = "/" + trigger.string("route").orElse(name);
                List<String> methods = trigger.strings("methods");
                StringBuilder routes = new StringBuilder();
                if (methods.isEmpty()) {
                    routes.append(".route(").append(Names.quote(route)).append(')');
                }
                for (String verb : methods) {
                    routes.append(".route(").append(Names.quote(verb.toUpperCase(Locale.ROOT))).append(", ")
                            .append(Names.quote(route)).append(')');
                }
                text = "HTTP " + (methods.isEmpty() ? "any method" : String.join(", ", methods)) + " " + route
                        + ", auth level " + trigger.string("authLevel").orElse("FUNCTION");
                portable = "an HTTP function: functions.http(name, fn).route(...)";
                declaration = "functions.http(" + quoted + ", (request, context) -> " + todo + ")" + routes;
            }
            case "QueueTrigger", "ServiceBusQueueTrigger" -> {
                String queue = trigger.string("queueName").orElse("QUEUE");
                text = (simple.startsWith("Queue") ? "Storage queue " : "Service Bus queue ") + queue;
                portable = "a queue function: functions.queue(name, queue, Type.class, fn)";
                declaration = "functions.queue(" + quoted + ", " + Names.quote(queue) + ", String.class, " + event;
            }
            case "ServiceBusTopicTrigger" -> {
                String topic = trigger.string("topicName").orElse("TOPIC");
                text = "Service Bus topic " + topic + " (subscription "
                        + trigger.string("subscriptionName").orElse("?") + ")";
                portable = "a topic function: functions.topic(name, topic, Type.class, fn)";
                declaration = "functions.topic(" + quoted + ", " + Names.quote(topic) + ", String.class, " + event;
            }
            case "BlobTrigger" -> {
                String path = trigger.string("path").orElse("BUCKET/{name}");
                String container = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
                text = "Blob storage " + path;
                portable = "a storage function: functions.storage(name, bucket, StorageChange.CREATED, fn)";
                declaration = "functions.storage(" + quoted + ", " + Names.quote(container)
                        + ", StorageChange.CREATED, " + event;
            }
            case "TimerTrigger" -> {
                String schedule = trigger.string("schedule").orElse("");
                Optional<String> cron = fiveFieldCron(schedule);
                text = "timer " + schedule + cron.map(c -> " (5-field cron " + c + ")")
                        .orElse(" (no 5-field cron equivalent: pick one)");
                portable = "a schedule function: functions.schedule(name, cron, fn) with a 5-field cron in UTC";
                declaration = "functions.schedule(" + quoted + ", " + Names.quote(cron.orElse("0 * * * *")) + ", "
                        + event;
            }
            case "EventHubTrigger" -> {
                String hub = trigger.string("eventHubName").orElse("STREAM");
                text = "Event Hubs " + hub;
                portable = "a stream function: functions.stream(name, stream, Type.class, fn)";
                declaration = "functions.stream(" + quoted + ", " + Names.quote(hub) + ", String.class, " + event;
            }
            case "CosmosDBTrigger" -> {
                String container = trigger.string("containerName").or(() -> trigger.string("collectionName"))
                        .orElse("TABLE");
                text = "Cosmos DB change feed of " + trigger.string("databaseName").map(d -> d + "/").orElse("")
                        + container;
                portable = "a change function: functions.change(name, source, fn)";
                declaration = "functions.change(" + quoted + ", " + Names.quote(container) + ", " + event;
            }
            case "EventGridTrigger" -> {
                text = "Event Grid subscription";
                portable = "a topic function on the events' source: functions.topic(...) or functions.storage(...)";
                declaration = "functions.topic(" + quoted + ", \"TOPIC\", String.class, " + event;
            }
            default -> {
                text = simple + " (no portable trigger)";
                portable = "no portable trigger: keep this function on Azure, or call it over HTTP";
                declaration = "// " + name + ": @" + simple + " has no portable trigger";
            }
        }
        return new Handler("Azure Functions", kind, info.javaName(), method.name(), name, text, null, portable,
                null, declaration, List.of());
    }

    /** Azure's 6-field NCRONTAB (with seconds) as a 5-field cron, when its seconds field is 0. */
    static Optional<String> fiveFieldCron(String schedule) {
        String[] fields = schedule.trim().split("\\s+");
        if (fields.length == 6 && fields[0].equals("0")) {
            return Optional.of(String.join(" ", List.of(fields).subList(1, 6)));
        }
        if (fields.length == 5) {
            return Optional.of(String.join(" ", fields));
        }
        return Optional.empty();
    }
}
