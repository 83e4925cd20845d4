package dev.fnkit.selfhosted.edge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Problem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's edge: per-function API-key auth, rate limits (per function and per key, token buckets), CORS and
 * request-size limits, checked by {@link #admit} on the event loop (a map lookup, a SHA-256 and a bucket's lock: no
 * I/O); the API keys and secrets behind {@code /system/keys} and {@code /system/secrets} ({@link #admin}); and the
 * secret files of instances ({@link #secretsFor}). Functions opt in through gateway settings given when they are
 * deployed ({@link #configure}).
 */
public final class Edge {
    private final ApiKeys keys;
    private final SecretStore secrets;
    private final SettingsStore settings;
    private final EdgeAdmin admin;
    private final Map<String, Enforced> enforced = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> keyBuckets = new ConcurrentHashMap<>();

    private record Enforced(FunctionPolicy policy, TokenBucket bucket) {
    }

    /**
     * What {@link #admit} decided.
     *
     * @param answer  the response to send instead of invoking the function (a rejection or a preflight's answer),
     *                or null to invoke it
     * @param request the request to forward (without the API key it carried)
     * @param apiKey  the name of the verified API key it carried, or null
     * @param cors    headers to add to the response
     */
    public record Admission(HttpResponse answer, HttpRequest request, String apiKey, Headers cors) {
    }

    /** Loads the keys, secrets and settings kept in the data directory. */
    public Edge(Path dataDir) throws IOException {
        this.keys = new ApiKeys(dataDir);
        this.secrets = new SecretStore(dataDir);
        this.settings = new SettingsStore(dataDir);
        this.admin = new EdgeAdmin(keys, secrets, this::declaring);
        settings.all().forEach((app, functions) -> functions.forEach((function, values) ->
                enforce(function, FunctionPolicy.parse(values))));
    }

    /** True for a CORS preflight: {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
    public static boolean isPreflight(HttpRequest request) {
        return Cors.isPreflight(request);
    }

    /** Decides whether a request may invoke a function. Never blocks. */
    public Admission admit(String function, HttpRequest request, String requestId) {
        Enforced rules = enforced.get(function);
        if (rules == null && !request.headers().contains("x-api-key")
                && !request.headers().contains("authorization")) {
            return new Admission(null, request, null, Headers.EMPTY);
        }
        FunctionPolicy policy = rules == null ? FunctionPolicy.OPEN : rules.policy();
        String origin = request.header("origin").orElse(null);
        Headers cors = policy.cors() == null || origin == null ? Headers.EMPTY : policy.cors().responseHeaders(origin);
        if (policy.cors() != null && Cors.isPreflight(request)) {
            return new Admission(policy.cors().preflight(request, function, requestId), request, null, Headers.EMPTY);
        }
        if (policy.maxBodyBytes() >= 0 && request.body().size() > policy.maxBodyBytes()) {
            return reject(413, "body-too-large", "The request body is larger than function '" + function
                    + "' accepts (" + policy.maxBodyBytes() + " bytes)", requestId, cors, Headers.EMPTY, request);
        }
        Optional<String> header = request.header("x-api-key");
        String presented = header.orElseGet(() -> bearer(request));
        Optional<ApiKey> key = keys.lookup(presented == null ? null : presented.strip());
        HttpRequest forwarded = request;
        if (policy.apiKeys()) {
            if (presented == null) {
                return reject(401, "api-key-required", "Function '" + function + "' needs an API key (header"
                        + " X-Api-Key, or Authorization: Bearer <key>)", requestId, cors, CHALLENGE, request);
            }
            if (key.isEmpty()) {
                return reject(401, "api-key-invalid", "The API key is unknown or revoked", requestId, cors, CHALLENGE,
                        request);
            }
            if (!key.get().allows(function)) {
                return reject(403, "api-key-forbidden", "API key '" + key.get().name() + "' may not invoke function '"
                        + function + "'", requestId, cors, Headers.EMPTY, request);
            }
            Headers.Builder headers = request.headers().toBuilder().remove(header.isPresent() ? "x-api-key"
                    : "authorization");
            forwarded = request.toBuilder().headers(headers.build()).build();
        }
        long now = System.nanoTime();
        if (key.isPresent() && key.get().rateLimit() != null) {
            TokenBucket bucket = keyBuckets.computeIfAbsent(key.get().id(),
                    id -> new TokenBucket(key.get().rateLimit(), now));
            long wait = bucket.take(now);
            if (wait > 0) {
                return limited("API key '" + key.get().name() + "'", wait, requestId, cors, request);
            }
        }
        if (rules != null && rules.bucket() != null) {
            long wait = rules.bucket().take(now);
            if (wait > 0) {
                return limited("Function '" + function + "'", wait, requestId, cors, request);
            }
        }
        return new Admission(null, forwarded, key.map(ApiKey::name).orElse(null), cors);
    }

    /**
     * Sets the gateway settings of an application's functions (each function's own, already merged), replacing
     * what it had; keeps them in the data directory.
     *
     * @return what undoes it, for a deployment that fails afterwards
     * @throws IllegalArgumentException naming a bad setting or a secret that does not exist
     */
    public Runnable configure(String app, Map<String, Map<String, String>> byFunction) throws IOException {
        Map<String, FunctionPolicy> policies = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> entry : byFunction.entrySet()) {
            FunctionPolicy policy;
            try {
                policy = FunctionPolicy.parse(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("function '" + entry.getKey() + "': " + e.getMessage(), e);
            }
            for (String secret : policy.secrets()) {
                if (!secrets.exists(secret)) {
                    throw new IllegalArgumentException("function '" + entry.getKey() + "' declares secret '" + secret
                            + "', which does not exist; create it with POST /system/secrets first");
                }
            }
            policies.put(entry.getKey(), policy);
        }
        Map<String, Map<String, String>> previous = settings.put(app, byFunction);
        previous.keySet().forEach(enforced::remove);
        policies.forEach(this::enforce);
        return () -> {
            try {
                settings.put(app, previous);
            } catch (IOException ignored) {
                // the settings file keeps the newer settings; they apply on the next deployment of the app
            }
            byFunction.keySet().forEach(enforced::remove);
            previous.forEach((function, values) -> enforce(function, FunctionPolicy.parse(values)));
        };
    }

    /** Drops the settings of a function that is no longer deployed. */
    public void forget(String function) throws IOException {
        settings.forget(function);
        enforced.remove(function);
    }

    /** True when the function's instances get secrets. */
    public boolean declaresSecrets(String function) {
        Enforced rules = enforced.get(function);
        return rules != null && !rules.policy().secrets().isEmpty();
    }

    /**
     * Writes the secrets a function declares into {@code <instance-dir>/secrets/} (0700, files 0600).
     *
     * @return that directory, or empty when the function declares none
     * @throws IOException when a declared secret no longer exists or cannot be written
     */
    public Optional<Path> secretsFor(String function, Path instanceDirectory) throws IOException {
        Enforced rules = enforced.get(function);
        if (rules == null || rules.policy().secrets().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(secrets.materialize(rules.policy().secrets(), instanceDirectory));
    }

    /** Serves {@code /system/keys} and {@code /system/secrets}; empty for any other path. */
    public Optional<HttpResponse> admin(HttpRequest request, String requestId) {
        return admin.handle(request, requestId);
    }

    /** A function's enforced settings, as the admin API shows them. */
    public JsonNode describe(String function) {
        Enforced rules = enforced.get(function);
        return (rules == null ? FunctionPolicy.OPEN : rules.policy()).describe();
    }

    private List<String> declaring(String secret) {
        return enforced.entrySet().stream().filter(e -> e.getValue().policy().secrets().contains(secret))
                .map(Map.Entry::getKey).sorted().toList();
    }

    private void enforce(String function, FunctionPolicy policy) {
        enforced.put(function, new Enforced(policy, policy.rateLimit() == null ? null
                : new TokenBucket(policy.rateLimit(), System.nanoTime())));
    }

    private static final Headers CHALLENGE = Headers.of("www-authenticate", "ApiKey realm=\"fnkit\"");

    private static String bearer(HttpRequest request) {
        String authorization = request.header("authorization").orElse(null);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    private static Admission limited(String who, long waitNanos, String requestId, Headers cors,
                                     HttpRequest request) {
        long seconds = TokenBucket.retryAfterSeconds(waitNanos);
        return reject(429, "rate-limited", who + " is over its rate limit; retry in " + seconds + " s", requestId,
                cors, Headers.of("retry-after", Long.toString(seconds)), request);
    }

    private static Admission reject(int status, String code, String detail, String requestId, Headers cors,
                                    Headers extra, HttpRequest request) {
        Headers.Builder headers = extra.toBuilder();
        cors.asMap().forEach((name, values) -> headers.set(name, values.get(0)));
        return new Admission(new Problem(status, code, detail, requestId).toResponse(headers.build()), request, null,
                Headers.EMPTY);
    }
}
