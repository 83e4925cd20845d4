package dev.fnkit.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.fnkit.api.FunctionOptions;
import dev.fnkit.api.RetryPolicy;
import dev.fnkit.api.Route;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.Application;
import dev.fnkit.core.Cron;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.PackagingContext;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The SAM template of an application: one {@code AWS::Serverless::Function} per portable function, all running
 * {@code function.zip} with the handler {@code dev.fnkit.aws.FnkitLambda::handleRequest} and {@code FNKIT_FUNCTION}
 * naming the function, with memory, timeout, environment, concurrency and events from the declarations.
 *
 * <p>Events: HTTP routes become {@code HttpApi} events ({@code {+path}} written {@code {path+}}); queues {@code SQS}
 * events with {@code ReportBatchItemFailures} on a queue the template creates (its visibility timeout six times the
 * function's timeout, as Lambda advises); topics {@code SNS} events on a created topic; buckets {@code S3} events on an
 * {@code AWS::S3::Bucket} the template declares (SAM requires it; its name is a parameter, since bucket names are
 * global); schedules {@code Schedule} events with the cron translated by {@link Cron#toAws()}; streams {@code Kinesis}
 * events on the named stream of the deploying account; changes {@code DynamoDB} events on a stream ARN parameter (a
 * stream ARN cannot be derived from a table name). A queue, topic or stream given as an ARN is used as it is.
 *
 * <p>Settings: {@code aws.runtime} ({@code java17}, or a later {@code javaNN}), {@code aws.architecture}
 * ({@code x86_64} or {@code arm64}), {@code aws.snapStart} ({@code true} for SnapStart on published versions),
 * {@code aws.startingPosition} of stream events ({@code LATEST} or {@code TRIM_HORIZON}), {@code aws.alias} (the
 * alias published for SnapStart and provisioned concurrency, {@code live}). {@code maxInstances} becomes reserved
 * concurrency, {@code minInstances} provisioned concurrency on the alias, a retry policy the asynchronous retry count
 * (at most 2) or the stream event's retry attempts.
 */
final class SamTemplate {
    static final String HANDLER = "dev.fnkit.aws.FnkitLambda::handleRequest";
    static final String CODE = "function.zip";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .stringQuotingChecker(new DatesQuoted())
            .build());

    private final PackagingContext context;
    private final Consumer<String> log;
    private final ObjectNode root = NODES.objectNode();
    private final ObjectNode parameters = NODES.objectNode();
    private final ObjectNode resources = NODES.objectNode();
    private final Set<String> ids = new HashSet<>();
    private final String runtime;
    private final String architecture;
    private final boolean snapStart;
    private final String startingPosition;
    private final String alias;
    private boolean httpApi;

    private SamTemplate(PackagingContext context) {
        this.context = context;
        this.log = context.log() == null ? line -> { } : context.log();
        this.runtime = runtime(context.setting("aws.runtime", "java17"));
        this.architecture = choice("aws.architecture", context.setting("aws.architecture", "x86_64"),
                List.of("x86_64", "arm64"));
        this.snapStart = Boolean.parseBoolean(choice("aws.snapStart",
                context.setting("aws.snapStart", "false").toLowerCase(Locale.ROOT), List.of("true", "false")));
        this.startingPosition = choice("aws.startingPosition",
                context.setting("aws.startingPosition", "LATEST").toUpperCase(Locale.ROOT),
                List.of("LATEST", "TRIM_HORIZON"));
        this.alias = context.setting("aws.alias", "live");
        if (!alias.matches("[A-Za-z0-9_-]{1,128}") || alias.matches("[0-9]+")) {
            throw new IllegalArgumentException("aws.alias '" + alias + "' is not a valid Lambda alias name");
        }
    }

    /** The template as YAML. */
    static String yaml(PackagingContext context) {
        try {
            return YAML.writeValueAsString(new SamTemplate(context).build());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the SAM template: " + e.getMessage(), e);
        }
    }

    private ObjectNode build() {
        root.put("AWSTemplateFormatVersion", "2010-09-09");
        root.put("Transform", "AWS::Serverless-2016-10-31");
        root.put("Description", context.appName() + " " + context.version() + ": fnkit functions for AWS Lambda");
        root.set("Parameters", parameters);
        root.set("Resources", resources);
        for (FunctionDefinition function : context.functions()) {
            function(function);
        }
        if (parameters.isEmpty()) {
            root.remove("Parameters");
        }
        if (httpApi) {
            ObjectNode url = root.putObject("Outputs").putObject("HttpApiUrl");
            url.put("Description", "The HTTP API's base URL");
            url.putObject("Value").put("Fn::Sub",
                    "https://${ServerlessHttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/");
        }
        return root;
    }

    private void function(FunctionDefinition function) {
        FunctionOptions options = function.options();
        ObjectNode resource = resources.putObject(id(pascal(function.name()) + "Function"));
        resource.put("Type", "AWS::Serverless::Function");
        ObjectNode properties = resource.putObject("Properties");
        properties.put("Description", "fnkit function " + function.name() + ": " + function.describeTrigger());
        properties.put("CodeUri", CODE);
        properties.put("Handler", HANDLER);
        properties.put("Runtime", runtime);
        properties.putArray("Architectures").add(architecture);
        properties.put("MemorySize", memory(function));
        properties.put("Timeout", timeout(function));
        ObjectNode variables = properties.putObject("Environment").putObject("Variables");
        variables.put(Application.FUNCTION_ENV, function.name());
        if (!context.appClasses().isEmpty()) {
            variables.put(Application.APP_ENV, String.join(",", context.appClasses()));
        }
        options.environment().forEach(variables::put);
        if (options.maxInstances() > 0) {
            properties.put("ReservedConcurrentExecutions", options.maxInstances());
        }
        if (options.minInstances() > 0 && snapStart) {
            throw new IllegalArgumentException("Function '" + function.name() + "' asks for minInstances "
                    + options.minInstances() + " but aws.snapStart is true: Lambda does not combine SnapStart with"
                    + " provisioned concurrency; drop one of them");
        }
        if (snapStart || options.minInstances() > 0) {
            properties.put("AutoPublishAlias", alias);
        }
        if (snapStart) {
            properties.putObject("SnapStart").put("ApplyOn", "PublishedVersions");
        }
        if (options.minInstances() > 0) {
            properties.putObject("ProvisionedConcurrencyConfig")
                    .put("ProvisionedConcurrentExecutions", options.minInstances());
        }
        if (options.concurrency() > 1) {
            log.accept("Function '" + function.name() + "' declares concurrency " + options.concurrency()
                    + ": a Lambda instance serves one invocation at a time, so this has no effect on AWS");
        }
        ObjectNode events = NODES.objectNode();
        events(function, events, properties);
        if (!events.isEmpty()) {
            properties.set("Events", events);
        }
    }

    private void events(FunctionDefinition function, ObjectNode events, ObjectNode properties) {
        Trigger trigger = function.trigger();
        RetryPolicy retry = function.options().retry();
        if (trigger instanceof Trigger.Http http) {
            httpApi = true;
            int n = 0;
            for (Route route : http.routes()) {
                ObjectNode event = events.putObject("Route" + ++n);
                event.put("Type", "HttpApi");
                ObjectNode p = event.putObject("Properties");
                p.put("Method", route.anyMethod() ? "any" : route.method().toLowerCase(Locale.ROOT));
                p.put("Path", samPath(route.template()));
            }
        } else if (trigger instanceof Trigger.Queue q) {
            ObjectNode p = event(events, "Queue", "SQS");
            p.set("Queue", q.queue().startsWith("arn:") ? NODES.textNode(q.queue()) : queue(q.queue(), function));
            p.put("BatchSize", q.batchSize());
            if (q.batchSize() > 10) {
                if (q.queue().endsWith(".fifo")) {
                    throw new IllegalArgumentException("Function '" + function.name() + "' reads the FIFO queue '"
                            + q.queue() + "' in batches of " + q.batchSize() + ": Lambda reads FIFO queues at most 10"
                            + " messages at a time");
                }
                p.put("MaximumBatchingWindowInSeconds", 1);
            }
            p.putArray("FunctionResponseTypes").add("ReportBatchItemFailures");
            if (retry != null) {
                log.accept("Function '" + function.name() + "' declares a retry policy: SQS redelivers failed messages"
                        + " until the queue's maxReceiveCount (set a redrive policy on the queue)");
            }
        } else if (trigger instanceof Trigger.Topic t) {
            ObjectNode p = event(events, "Topic", "SNS");
            p.set("Topic", t.topic().startsWith("arn:") ? NODES.textNode(t.topic()) : topic(t.topic()));
            asyncRetries(function, properties);
        } else if (trigger instanceof Trigger.Storage s) {
            ObjectNode p = event(events, "Storage", "S3");
            p.set("Bucket", bucket(s.bucket()));
            ArrayNode types = p.putArray("Events");
            for (StorageChange change : new TreeSet<>(s.changes())) {
                S3Events.notificationTypes(change).forEach(types::add);
            }
            asyncRetries(function, properties);
        } else if (trigger instanceof Trigger.Schedule s) {
            ObjectNode p = event(events, "Schedule", "Schedule");
            p.put("Schedule", Cron.parse(s.cron()).toAws());
            p.put("Description", "fnkit schedule '" + s.cron() + "' (UTC) of " + function.name());
            p.put("Enabled", true);
            asyncRetries(function, properties);
        } else if (trigger instanceof Trigger.Stream s) {
            ObjectNode p = event(events, "Stream", "Kinesis");
            p.set("Stream", s.stream().startsWith("arn:") ? NODES.textNode(s.stream()) : sub(
                    "arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/" + s.stream()));
            streamProperties(p, s.batchSize(), retry);
        } else if (trigger instanceof Trigger.Change c) {
            ObjectNode p = event(events, "Change", "DynamoDB");
            p.set("Stream", c.source().startsWith("arn:") ? NODES.textNode(c.source()) : streamArnParameter(c.source()));
            streamProperties(p, c.batchSize(), retry);
        }
    }

    private static ObjectNode event(ObjectNode events, String name, String type) {
        ObjectNode event = events.putObject(name);
        event.put("Type", type);
        return event.putObject("Properties");
    }

    private void streamProperties(ObjectNode p, int batchSize, RetryPolicy retry) {
        p.put("StartingPosition", startingPosition);
        p.put("BatchSize", batchSize);
        p.putArray("FunctionResponseTypes").add("ReportBatchItemFailures");
        if (retry != null) {
            p.put("MaximumRetryAttempts", Math.min(retry.maxRetries(), 10_000));
        }
    }

    private void asyncRetries(FunctionDefinition function, ObjectNode properties) {
        RetryPolicy retry = function.options().retry();
        if (retry == null) {
            return;
        }
        int attempts = Math.min(retry.maxRetries(), 2);
        if (retry.maxRetries() > 2) {
            log.accept("Function '" + function.name() + "' asks for " + retry.maxRetries() + " retries: Lambda"
                    + " retries asynchronous invocations at most twice");
        }
        properties.putObject("EventInvokeConfig").put("MaximumRetryAttempts", attempts);
    }

    private ObjectNode queue(String name, FunctionDefinition function) {
        String id = pascal(name) + "Queue";
        if (!resources.has(id)) {
            ids.add(id);
            ObjectNode queue = resources.putObject(id);
            queue.put("Type", "AWS::SQS::Queue");
            ObjectNode p = queue.putObject("Properties");
            p.put("QueueName", name);
            p.put("VisibilityTimeout", Math.min(43_200, Math.max(30, 6 * timeout(function))));
            if (name.endsWith(".fifo")) {
                p.put("FifoQueue", true);
            }
        } else {
            ObjectNode p = (ObjectNode) resources.get(id).get("Properties");
            p.put("VisibilityTimeout", Math.min(43_200, Math.max(p.get("VisibilityTimeout").asInt(),
                    6 * timeout(function))));
        }
        ObjectNode getAtt = NODES.objectNode();
        getAtt.putArray("Fn::GetAtt").add(id).add("Arn");
        return getAtt;
    }

    private ObjectNode topic(String name) {
        String id = pascal(name) + "Topic";
        if (!resources.has(id)) {
            ids.add(id);
            ObjectNode topic = resources.putObject(id);
            topic.put("Type", "AWS::SNS::Topic");
            topic.putObject("Properties").put("TopicName", name);
        }
        return ref(id);
    }

    private ObjectNode bucket(String bucket) {
        String name = bucket.startsWith("arn:aws:s3:::") ? bucket.substring("arn:aws:s3:::".length()) : bucket;
        String id = pascal(name) + "Bucket";
        if (!resources.has(id)) {
            ids.add(id);
            String parameter = id + "Name";
            ObjectNode p = parameters.putObject(parameter);
            p.put("Type", "String");
            p.put("Default", name);
            p.put("Description", "The name of the bucket '" + name + "' (bucket names are global: change it if"
                    + " taken)");
            ObjectNode resource = resources.putObject(id);
            resource.put("Type", "AWS::S3::Bucket");
            resource.putObject("Properties").set("BucketName", ref(parameter));
        }
        return ref(id);
    }

    private ObjectNode streamArnParameter(String table) {
        String id = pascal(table) + "StreamArn";
        if (!parameters.has(id)) {
            ObjectNode p = parameters.putObject(id);
            p.put("Type", "String");
            p.put("Description", "The stream ARN of the DynamoDB table '" + table + "' (enable its stream with"
                    + " NEW_AND_OLD_IMAGES)");
        }
        return ref(id);
    }

    private static ObjectNode ref(String id) {
        ObjectNode ref = NODES.objectNode();
        ref.put("Ref", id);
        return ref;
    }

    private static ObjectNode sub(String text) {
        ObjectNode sub = NODES.objectNode();
        sub.put("Fn::Sub", text);
        return sub;
    }

    /** Also quotes strings that YAML 1.1 readers take for dates, such as {@code 2010-09-09}. */
    private static final class DatesQuoted extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || value.matches("\\d{4}-\\d{1,2}-\\d{1,2}([Tt ].*)?");
        }
    }

    /** {@code /files/{+path}} → {@code /files/{path+}}. */
    static String samPath(String template) {
        return template.replaceAll("\\{\\+([A-Za-z0-9_]+)}", "{$1+}");
    }

    /** {@code orders-queue} → {@code OrdersQueue}: a CloudFormation logical id part. */
    static String pascal(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return out.length() == 0 || Character.isDigit(out.charAt(0)) ? "R" + out : out.toString();
    }

    private String id(String wanted) {
        String id = wanted;
        for (int n = 2; !ids.add(id) || resources.has(id); n++) {
            id = wanted + n;
        }
        return id;
    }

    private static int memory(FunctionDefinition function) {
        int memory = function.options().memoryMb();
        if (memory > 10_240) {
            throw new IllegalArgumentException("Function '" + function.name() + "' asks for " + memory
                    + " MiB: Lambda functions have 128 to 10240 MiB");
        }
        return memory;
    }

    private static int timeout(FunctionDefinition function) {
        long millis = function.options().timeout().toMillis();
        long seconds = (millis + 999) / 1000;
        if (seconds > 900) {
            throw new IllegalArgumentException("Function '" + function.name() + "' has a timeout of " + seconds
                    + " s: Lambda invocations run at most 900 s");
        }
        return (int) seconds;
    }

    private static String runtime(String runtime) {
        String value = runtime.trim().toLowerCase(Locale.ROOT);
        if (!value.matches("java\\d+") || Integer.parseInt(value.substring(4)) < 17) {
            throw new IllegalArgumentException("aws.runtime '" + runtime + "' is not a Lambda Java runtime of Java 17"
                    + " or later (java17, java21, ...)");
        }
        return value;
    }

    private static String choice(String setting, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(setting + " '" + value + "' must be one of " + allowed);
        }
        return value;
    }
}
