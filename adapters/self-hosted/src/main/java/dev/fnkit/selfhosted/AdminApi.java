package dev.fnkit.selfhosted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.FunctionOptions;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Route;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.FunctionKind;
import dev.fnkit.core.FunctionsManifest;
import dev.fnkit.core.Json;
import dev.fnkit.core.Problem;
import dev.fnkit.selfhosted.edge.JsonBodies;
import dev.fnkit.selfhosted.async.AsyncRuntime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API under {@code /system}, in OpenFaaS's shapes, behind the bearer token:
 * <ul>
 *   <li>{@code GET /system/functions}: every function's status; {@code GET /system/function/{name}}: one;</li>
 *   <li>{@code POST /system/functions} deploys a new application, {@code PUT} updates one: a zip bundle as the
 *       body ({@code application/zip}, autoscaler settings as {@code autoscaling.<setting>} query parameters), or
 *       JSON {@code {"bundle": "/path/app.zip", "autoscaling": {...}}} (see {@link Autoscaling#with}; a setting
 *       named {@code <function>.<setting>} applies to that function only), or an executable in OpenFaaS's shape
 *       {@code {"service": "wc", "envProcess": "wc -l", "envVars": {...}, "limits": {"memory": "128Mi"}, "labels":
 *       {"com.openfaas.scale.min": "0", "com.openfaas.scale.max": "4", "fnkit.timeout": "10s",
 *       "fnkit.concurrency": "4"}}} (with labels {@code "fnkit.mode": "http"} and optionally
 *       {@code "fnkit.health-path": "/healthz"}, {@code envProcess} is a long-running HTTP server on env
 *       {@code PORT});</li>
 *   <li>{@code DELETE /system/functions} with {@code {"functionName": "..."}};</li>
 *   <li>{@code GET /system/dead-letters}, {@code POST /system/dead-letters/redrive} and
 *       {@code POST /system/dead-letters/{callId}/redrive}: asynchronous calls that failed every attempt (see
 *       {@link AsyncRuntime});</li>
 *   <li>{@code POST /system/scale-function/{name}} with {@code {"serviceName": "...", "replicas": N}}: that many
 *       instances now, kept for one stable window before the autoscaler decides again.</li>
 * </ul>
 * Without the token: 401. Every error is problem+json.
 */
final class AdminApi {
    private final Gateway gateway;
    private final AdminToken token;

    AdminApi(Gateway gateway, AdminToken token) {
        this.gateway = gateway;
        this.token = token;
    }

    /** True when the request carries the admin token. */
    boolean authorized(HttpRequest request) {
        return token.accepts(request.header("authorization").orElse(null));
    }

    HttpResponse handle(HttpRequest request, String requestId) {
        if (!authorized(request)) {
            return new Problem(401, "unauthorized", "The admin API needs the admin token as a bearer token"
                    + " (Authorization: Bearer <token>)", requestId)
                    .toResponse(Headers.of("www-authenticate", "Bearer realm=\"fnkit\""));
        }
        String path = request.path();
        String method = request.method();
        try {
            Optional<HttpResponse> edge = gateway.edge().admin(request, requestId);
            if (edge.isPresent()) {
                return edge.get();
            }
            if (path.equals("/system/usage")) {
                return method.equals("GET") ? json(200, gateway.usage().snapshot())
                        : Problem.methodNotAllowed(method, path, List.of("GET"));
            }
            if (path.equals("/system/functions")) {
                return switch (method) {
                    case "GET" -> json(200, list());
                    case "POST" -> deploy(request, Deployments.Mode.CREATE);
                    case "PUT" -> deploy(request, Deployments.Mode.UPDATE);
                    case "DELETE" -> delete(request, requestId);
                    default -> Problem.methodNotAllowed(method, path, List.of("GET", "POST", "PUT", "DELETE"));
                };
            }
            if (path.startsWith("/system/function/")) {
                if (!method.equals("GET")) {
                    return Problem.methodNotAllowed(method, path, List.of("GET"));
                }
                String name = path.substring("/system/function/".length());
                return gateway.pool(name).map(pool -> json(200, status(pool.status())))
                        .orElseGet(() -> noFunction(name, requestId));
            }
            if (path.startsWith("/system/scale-function/")) {
                if (!method.equals("POST")) {
                    return Problem.methodNotAllowed(method, path, List.of("POST"));
                }
                return scale(path.substring("/system/scale-function/".length()), request, requestId);
            }
            if (path.startsWith(AsyncRuntime.DEAD_LETTERS)) {
                return gateway.async().admin(request, requestId);
            }
            return new Problem(404, "not-found", "The admin API has no " + path, requestId).toResponse();
        } catch (BundleException e) {
            return new Problem(e.status(), "deployment-rejected", e.getMessage(), requestId).toResponse();
        } catch (IOException e) {
            return new Problem(500, "deployment-failed", "The deployment could not be stored: " + e.getMessage(),
                    requestId).toResponse();
        }
    }

    private ArrayNode list() {
        ArrayNode list = Json.mapper().createArrayNode();
        for (FunctionPool pool : gateway.pools()) {
            list.add(status(pool.status()));
        }
        return list;
    }

    private HttpResponse deploy(HttpRequest request, Deployments.Mode mode) throws BundleException, IOException {
        String type = request.contentType().orElse("").toLowerCase(java.util.Locale.ROOT);
        Deployments.Change change;
        if (type.startsWith("application/json")) {
            JsonNode body = parse(request);
            Map<String, String> autoscaling = strings(body.path("autoscaling"));
            Map<String, String> settings = strings(body.path("gateway"));
            if (body.hasNonNull("bundle")) {
                Path bundle = Path.of(body.get("bundle").asText());
                if (!Files.isRegularFile(bundle)) {
                    throw new BundleException("the bundle " + bundle + " is not a file on the gateway's machine");
                }
                change = GatewaySettings.deploy(gateway.edge(), GatewaySettings.peek(bundle), settings, () -> {
                    try (InputStream in = Files.newInputStream(bundle)) {
                        return gateway.deploy(in, Files.size(bundle), autoscaling, mode);
                    }
                });
            } else if (body.hasNonNull("service")) {
                BundleManifest manifest = executable(body);
                change = GatewaySettings.deploy(gateway.edge(), manifest, settings,
                        () -> gateway.deploy(manifest, autoscaling, mode));
            } else {
                throw new BundleException("a JSON deployment names a \"bundle\" (a path on the gateway's machine), or"
                        + " a \"service\" with its \"envProcess\"");
            }
        } else if (type.startsWith("application/zip") || type.startsWith("application/octet-stream")
                || type.startsWith("application/x-zip")) {
            Map<String, String> autoscaling = new LinkedHashMap<>();
            request.query().asMap().forEach((name, values) -> {
                if (name.startsWith("autoscaling.") && !values.isEmpty()) {
                    autoscaling.put(name.substring("autoscaling.".length()), values.get(0));
                }
            });
            byte[] bundle = request.body().bytes();
            change = GatewaySettings.deploy(gateway.edge(), GatewaySettings.peek(bundle),
                    GatewaySettings.fromQuery(request),
                    () -> gateway.deploy(new ByteArrayInputStream(bundle), bundle.length, autoscaling, mode));
        } else {
            throw new BundleException(415, "send a bundle as application/zip, or JSON naming a \"bundle\" path or an"
                    + " executable \"service\"");
        }
        ObjectNode result = Json.mapper().createObjectNode();
        DeployedApp app = change.current();
        result.put("app", app.name());
        result.put("revision", app.revision());
        ArrayNode functions = result.putArray("functions");
        app.manifest().functions().forEach(f -> functions.add(f.name()));
        return json(202, result);
    }

    /** An executable function from an OpenFaaS-style deployment. */
    static BundleManifest executable(JsonNode body) throws BundleException {
        String service = body.path("service").asText();
        String process = body.path("envProcess").asText("").strip();
        if (process.isEmpty()) {
            throw new BundleException("service '" + service + "' needs an \"envProcess\": the command to run per"
                    + " request");
        }
        Map<String, String> labels = strings(body.path("labels"));
        Map<String, String> env = strings(body.path("envVars"));
        FunctionOptions options;
        try {
            Duration timeout = labels.containsKey("fnkit.timeout") ? Autoscaling.duration(labels.get("fnkit.timeout"))
                    : FunctionOptions.DEFAULTS.timeout();
            int memory = memoryMb(body.path("limits").path("memory").asText(""));
            options = new FunctionOptions(timeout, memory, intLabel(labels, "com.openfaas.scale.min"),
                    intLabel(labels, "com.openfaas.scale.max"), intLabel(labels, "fnkit.concurrency"), env, null);
        } catch (IllegalArgumentException e) {
            throw new BundleException("service '" + service + "' has an invalid setting: " + e.getMessage());
        }
        List<String> command = List.of(process.split("\\s+"));
        String mode = labels.getOrDefault("fnkit.mode", FunctionsManifest.Function.PER_REQUEST);
        String healthPath = labels.get("fnkit.health-path");
        boolean http = mode.equals(FunctionsManifest.Function.HTTP_MODE);
        if (!http && !mode.equals(FunctionsManifest.Function.PER_REQUEST)) {
            throw new BundleException("service '" + service + "' has unknown label fnkit.mode '" + mode
                    + "'; the modes are " + FunctionsManifest.Function.PER_REQUEST + " and "
                    + FunctionsManifest.Function.HTTP_MODE);
        }
        if (healthPath != null && (!http || !healthPath.startsWith("/"))) {
            throw new BundleException("service '" + service + "' has label fnkit.health-path '" + healthPath
                    + "'; it must start with / and needs fnkit.mode=" + FunctionsManifest.Function.HTTP_MODE);
        }
        FunctionSpec spec = new FunctionSpec(service, FunctionKind.HTTP, true, new Trigger.Http(List.of()), null,
                options, command, http, healthPath);
        return new BundleManifest(BundleManifest.appName(service), "", List.of(), List.of(spec));
    }

    private HttpResponse delete(HttpRequest request, String requestId) throws BundleException, IOException {
        JsonNode body = parse(request);
        String name = body.path("functionName").asText("");
        if (name.isBlank()) {
            throw new BundleException("name the function to delete: {\"functionName\": \"...\"}");
        }
        if (!gateway.remove(name)) {
            return noFunction(name, requestId);
        }
        gateway.edge().forget(name);
        return json(202, Json.mapper().createObjectNode().put("deleted", name));
    }

    private HttpResponse scale(String name, HttpRequest request, String requestId) throws BundleException {
        Optional<FunctionPool> pool = gateway.pool(name);
        if (pool.isEmpty()) {
            return noFunction(name, requestId);
        }
        JsonNode body = parse(request);
        JsonNode replicas = body.path("replicas");
        if (!replicas.canConvertToInt() || replicas.asInt() < 0) {
            throw new BundleException("give the instances wanted: {\"serviceName\": \"" + name + "\", \"replicas\": N}");
        }
        pool.get().scaleTo(replicas.asInt());
        return json(202, Json.mapper().createObjectNode().put("serviceName", name).put("replicas", replicas.asInt()));
    }

    private ObjectNode status(PoolStatus status) {
        FunctionSpec spec = status.spec();
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", status.name());
        node.put("image", status.app() + (gateway.app(status.app()).map(a -> ":" + a.revision()).orElse("")));
        node.put("namespace", "fnkit");
        node.put("envProcess", String.join(" ", spec.command()));
        node.put("invocationCount", (long) gateway.metrics().invocations(status.name()));
        node.put("replicas", status.desired());
        node.put("availableReplicas", status.ready());
        ObjectNode env = node.putObject("envVars");
        spec.options().environment().forEach(env::put);
        ObjectNode labels = node.putObject("labels");
        labels.put("fnkit.app", status.app());
        labels.put("fnkit.kind", spec.kindName());
        if (spec.httpMode()) {
            labels.put("fnkit.mode", FunctionsManifest.Function.HTTP_MODE);
        }
        labels.put("com.openfaas.scale.min", Integer.toString(spec.options().minInstances()));
        if (spec.options().maxInstances() > 0) {
            labels.put("com.openfaas.scale.max", Integer.toString(spec.options().maxInstances()));
        }
        node.putObject("annotations");
        node.putObject("limits").put("memory", spec.options().memoryMb() + "Mi");
        gateway.app(status.app()).ifPresent(app -> node.put("createdAt", app.deployedAt().toString()));

        ObjectNode fnkit = node.putObject("fnkit");
        fnkit.put("app", status.app());
        fnkit.put("kind", spec.kindName());
        fnkit.put("trigger", spec.routing().describeTrigger());
        ArrayNode routes = fnkit.putArray("routes");
        for (Route route : spec.routes()) {
            routes.add(route.method() + " " + route.template());
        }
        fnkit.put("timeoutSeconds", spec.options().timeout().toSeconds());
        fnkit.set("gateway", gateway.edge().describe(status.name()));
        fnkit.put("concurrency", spec.concurrencyLimit());
        fnkit.put("desired", status.desired());
        fnkit.put("ready", status.ready());
        fnkit.put("starting", status.starting());
        fnkit.put("draining", status.draining());
        fnkit.put("buffered", status.buffered());
        fnkit.put("inFlight", status.inFlight());
        ScaleDecision decision = status.decision();
        fnkit.put("panic", decision != null && decision.panic());
        if (decision != null) {
            fnkit.putObject("lastDecision").put("desired", decision.desired()).put("reason", decision.reason())
                    .put("stableConcurrency", decision.stableConcurrency())
                    .put("panicConcurrency", decision.panicConcurrency());
        }
        ArrayNode instances = fnkit.putArray("instances");
        for (PoolStatus.InstanceStatus instance : status.instances()) {
            instances.addObject().put("id", instance.id()).put("pid", instance.pid()).put("state", instance.state())
                    .put("outstanding", instance.outstanding()).put("port", instance.port())
                    .put("socket", instance.socket())
                    .put("stale", instance.stale());
        }
        return node;
    }

    private static JsonNode parse(HttpRequest request) throws BundleException {
        try {
            return JsonBodies.object(request);
        } catch (IllegalArgumentException e) {
            throw new BundleException(e.getMessage());
        }
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static int intLabel(Map<String, String> labels, String name) {
        String value = labels.get(name);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
        }
    }

    /** {@code 128Mi}, {@code 128M}, {@code 128m} or {@code 128} (MiB); the default when blank. */
    private static int memoryMb(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return FunctionOptions.DEFAULTS.memoryMb();
        }
        String digits = v.replaceAll("(?i)(mi|m|mb)$", "");
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limits.memory must be like 256Mi, not '" + value + "'");
        }
    }

    private static HttpResponse noFunction(String name, String requestId) {
        return new Problem(404, "function-not-found", "No function named '" + name + "' is deployed", requestId)
                .toResponse();
    }

    private static HttpResponse json(int status, JsonNode body) {
        return HttpResponse.status(status).json(body);
    }
}
