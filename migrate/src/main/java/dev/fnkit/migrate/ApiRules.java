package dev.fnkit.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The provider APIs {@code fnkit migrate} looks for inside handlers, and what each becomes on fnkit. */
final class ApiRules {
    /**
     * One rule: calls to {@code owner} (a class, or a package ending in {@code /}) and {@code method} ({@code *}
     * for any), except owners starting with {@code unless}.
     */
    private record Rule(String owner, String method, String unless, String portable, String note) {
        boolean matches(MethodCall call) {
            boolean owned = owner.endsWith("/") ? call.owner().startsWith(owner) : call.owner().equals(owner);
            return owned && (method.equals("*") || method.equals(call.name()))
                    && (unless == null || !call.owner().startsWith(unless));
        }
    }

    private static final String LAMBDA = AwsDetector.RUNTIME;
    private static final String LAMBDA_CONTEXT = LAMBDA + "Context";
    private static final String AZURE = "com/microsoft/azure/functions/";
    private static final String AZURE_CONTEXT = AZURE + "ExecutionContext";
    private static final String DEPLOYMENT = "a detail of the Lambda deployment; on AWS reach it with"
            + " context.unwrap(com.amazonaws.services.lambda.runtime.Context.class)";

    private static final List<Rule> RULES = List.of(
            new Rule(LAMBDA_CONTEXT, "getAwsRequestId", null, "context.requestId()", "the same id on AWS"),
            new Rule(LAMBDA_CONTEXT, "getFunctionName", null, "context.functionName()", "the fnkit function name"),
            new Rule(LAMBDA_CONTEXT, "getRemainingTimeInMillis", null, "context.remainingTime()", "a Duration"),
            new Rule(LAMBDA_CONTEXT, "getLogger", null, "context.logger()", "structured, carries the request id"),
            new Rule(LAMBDA + "LambdaLogger", "*", null, "context.logger()", "structured, carries the request id"),
            new Rule(LAMBDA_CONTEXT, "getClientContext", null, null,
                    "the mobile SDK's client context: no other provider delivers it"),
            new Rule(LAMBDA_CONTEXT, "getIdentity", null, null,
                    "the Cognito identity: no other provider delivers it; authenticate from the request's headers"),
            new Rule(LAMBDA_CONTEXT, "getInvokedFunctionArn", null, null, DEPLOYMENT),
            new Rule(LAMBDA_CONTEXT, "getFunctionVersion", null, null, DEPLOYMENT),
            new Rule(LAMBDA_CONTEXT, "getLogGroupName", null, null, DEPLOYMENT),
            new Rule(LAMBDA_CONTEXT, "getLogStreamName", null, null, DEPLOYMENT),
            new Rule(LAMBDA_CONTEXT, "getMemoryLimitInMB", null, null, DEPLOYMENT),
            new Rule(LAMBDA + "events/APIGatewayProxyRequestEvent", "getRequestContext", null, null,
                    "API Gateway's request context (authorizer claims, stage, API id) does not carry over"),
            new Rule(LAMBDA + "events/APIGatewayV2HTTPEvent", "getRequestContext", null, null,
                    "API Gateway's request context (authorizer claims, stage, API id) does not carry over"),
            new Rule("software/amazon/awssdk/", "*", null, null,
                    "an AWS SDK client: it runs anywhere with AWS credentials, but the service stays on AWS"),
            new Rule("com/amazonaws/services/", "*", LAMBDA, null,
                    "an AWS SDK (v1) client: it runs anywhere with AWS credentials, but the service stays on AWS"),
            new Rule(AZURE + "OutputBinding", "*", null, null,
                    "an output binding: fnkit has none; write to the service with its SDK"),
            new Rule(AZURE_CONTEXT, "getInvocationId", null, "context.requestId()", "the invocation id on Azure"),
            new Rule(AZURE_CONTEXT, "getFunctionName", null, "context.functionName()", "the fnkit function name"),
            new Rule(AZURE_CONTEXT, "getLogger", null, "context.logger()", "structured, carries the request id"),
            new Rule(AZURE_CONTEXT, "getTraceContext", null, "context.trace()", "W3C trace context"),
            new Rule(AZURE_CONTEXT, "getRetryContext", null, null,
                    "the retry count: not portable; make the function idempotent instead"),
            new Rule(AZURE + "HttpRequestMessage", "createResponseBuilder", null, "HttpResponse.status(...)",
                    "the portable response builder"),
            new Rule("com/google/cloud/functions/HttpRequest", "getParts", null, null,
                    "multipart parts: fnkit gives the raw body; parse the multipart body yourself"),
            new Rule("com/google/cloud/functions/Context", "*", null, "event.id(), event.type(), event.time()",
                    "the legacy event context: GcpCompat.background keeps it; a rewrite reads the portable event's"
                            + " attributes"),
            new Rule("com/google/cloud/", "*", "com/google/cloud/functions/", null,
                    "a Google Cloud client library: it runs anywhere with Google credentials, but the service stays"
                            + " on Google Cloud"),
            new Rule("org/springframework/cloud/function/adapter/", "*", null, "SpringFunctionApp",
                    "Spring Cloud Function's provider adapter: fnkit-spring-cloud-function replaces it on every target"),
            new Rule("com/azure/", "*", null, null,
                    "an Azure SDK client: it runs anywhere with Azure credentials, but the service stays on Azure"));

    private ApiRules() {
    }

    /**
     * The provider APIs a handler calls, each once: for a handler class, the class and its nested classes (lambdas
     * are in the class itself); for a handler method or bean, that method and its lambdas, and for an Azure method
     * its input and output bindings too.
     */
    static List<ApiUse> uses(ClassInfo info, ClassIndex index, String method, boolean bindings) {
        Map<String, ApiUse> found = new LinkedHashMap<>();
        List<ClassInfo> scope = new ArrayList<>();
        scope.add(info);
        if (method == null) {
            index.all().stream().filter(other -> other.name().startsWith(info.name() + "$")).forEach(scope::add);
        }
        for (ClassInfo owner : scope) {
            for (MethodInfo candidate : owner.methods()) {
                if (method != null && !candidate.name().equals(method)
                        && !candidate.name().startsWith("lambda$" + method + "$")) {
                    continue;
                }
                for (MethodCall call : candidate.calls()) {
                    RULES.stream().filter(rule -> rule.matches(call)).findFirst().ifPresent(rule -> {
                        String api = simple(call.owner()) + "." + call.name() + "()";
                        found.putIfAbsent(api, new ApiUse(api, rule.portable(), rule.note()));
                    });
                }
                if (bindings && candidate.name().equals(method)) {
                    bindings(candidate, found);
                }
            }
        }
        return List.copyOf(found.values());
    }

    private static void bindings(MethodInfo method, Map<String, ApiUse> found) {
        for (List<AnnotationInfo> parameter : method.parameterAnnotations()) {
            for (AnnotationInfo annotation : parameter) {
                String name = annotation.simpleName();
                if (annotation.packageName().equals(AzureDetector.ANNOTATIONS)
                        && (name.endsWith("Output") || name.endsWith("Input"))) {
                    String api = "@" + name;
                    found.putIfAbsent(api, new ApiUse(api, null, (name.endsWith("Output")
                            ? "an output binding: fnkit has none; write to the service with its SDK"
                            : "an input binding: fnkit has none; read from the service with its SDK")));
                }
            }
        }
    }

    private static String simple(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1).replace('$', '.');
    }
}
