package dev.fnkit.selfhosted.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Json;
import dev.fnkit.core.Problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /system/keys} and {@code /system/secrets} of the admin API (behind the admin token, checked before):
 * <ul>
 *   <li>{@code GET /system/keys}: the keys (id, name, functions, rate limit; never the key);
 *       {@code POST /system/keys} with {@code {"name": "ci", "functions": ["hello"], "rateLimit": "5/s",
 *       "burst": 10}}: 201 with the key, shown this once; {@code DELETE /system/keys/{id}}: revokes it;</li>
 *   <li>{@code GET /system/secrets}: the names; {@code POST} (create) and {@code PUT} (update)
 *       {@code /system/secrets} with {@code {"name": "db-password", "value": "..."}}; {@code DELETE
 *       /system/secrets/{name}} (or with {@code {"name": ...}}), refused while a function declares it.</li>
 * </ul>
 */
final class EdgeAdmin {
    private static final String KEYS = "/system/keys";
    private static final String SECRETS = "/system/secrets";

    private final ApiKeys keys;
    private final SecretStore secrets;
    private final Function<String, List<String>> declaring;

    EdgeAdmin(ApiKeys keys, SecretStore secrets, Function<String, List<String>> declaring) {
        this.keys = keys;
        this.secrets = secrets;
        this.declaring = declaring;
    }

    Optional<HttpResponse> handle(HttpRequest request, String requestId) {
        String path = request.path();
        try {
            if (path.equals(KEYS) || path.startsWith(KEYS + "/")) {
                return Optional.of(keys(request, path.substring(KEYS.length()), requestId));
            }
            if (path.equals(SECRETS) || path.startsWith(SECRETS + "/")) {
                return Optional.of(secrets(request, path.substring(SECRETS.length()), requestId));
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(new Problem(400, "invalid-request", e.getMessage(), requestId).toResponse());
        } catch (IOException e) {
            return Optional.of(new Problem(500, "storage-failed", "The change could not be stored: "
                    + e.getMessage(), requestId).toResponse());
        }
    }

    private HttpResponse keys(HttpRequest request, String rest, String requestId) throws IOException {
        String method = request.method();
        if (rest.isEmpty()) {
            if (method.equals("GET")) {
                ArrayNode list = Json.mapper().createArrayNode();
                keys.list().forEach(key -> list.add(describe(key)));
                return HttpResponse.json(list);
            }
            if (!method.equals("POST")) {
                return Problem.methodNotAllowed(method, request.path(), List.of("GET", "POST"));
            }
            JsonNode body = JsonBodies.object(request);
            String name = body.path("name").asText("").strip();
            if (name.isEmpty() || name.length() > 100) {
                throw new IllegalArgumentException("name the key (1 to 100 characters): {\"name\": \"ci\","
                        + " \"functions\": [\"hello\"]}");
            }
            if (!body.path("functions").isMissingNode() && !body.path("functions").isArray()) {
                throw new IllegalArgumentException("\"functions\" is an array of function names, or [\"*\"]");
            }
            RateLimit rate = body.hasNonNull("rateLimit") ? RateLimit.parse(body.get("rateLimit").asText(),
                    body.hasNonNull("burst") ? body.get("burst").asText() : null) : null;
            ApiKeys.Created created = keys.create(name, ApiKeys.strings(body.path("functions")), rate);
            ObjectNode node = describe(created.key());
            node.put("key", created.secret());
            return HttpResponse.status(201).json(node);
        }
        String id = rest.substring(1);
        if (!method.equals("DELETE")) {
            return Problem.methodNotAllowed(method, request.path(), List.of("DELETE"));
        }
        return keys.revoke(id) ? HttpResponse.json(Json.mapper().createObjectNode().put("revoked", id))
                : new Problem(404, "key-not-found", "No API key has the id '" + id + "'", requestId).toResponse();
    }

    private HttpResponse secrets(HttpRequest request, String rest, String requestId) throws IOException {
        String method = request.method();
        if (method.equals("GET") && rest.isEmpty()) {
            ArrayNode list = Json.mapper().createArrayNode();
            for (SecretStore.Entry entry : secrets.list()) {
                ObjectNode node = list.addObject().put("name", entry.name())
                        .put("updatedAt", entry.updatedAt().toString());
                declaring.apply(entry.name()).forEach(node.putArray("functions")::add);
            }
            return HttpResponse.json(list);
        }
        if (method.equals("DELETE")) {
            String name = SecretStore.checkName(rest.isEmpty() ? JsonBodies.object(request).path("name").asText(null)
                    : rest.substring(1));
            List<String> users = declaring.apply(name);
            if (!users.isEmpty()) {
                return new Problem(409, "secret-in-use", "Secret '" + name + "' is declared by "
                        + String.join(", ", users) + "; redeploy them without it first", requestId).toResponse();
            }
            return secrets.delete(name) ? HttpResponse.json(Json.mapper().createObjectNode().put("deleted", name))
                    : noSecret(name, requestId);
        }
        if (!(method.equals("POST") || method.equals("PUT"))) {
            return Problem.methodNotAllowed(method, request.path(), List.of("GET", "POST", "PUT", "DELETE"));
        }
        JsonNode body = JsonBodies.object(request);
        String name = SecretStore.checkName(rest.isEmpty() ? body.path("name").asText(null) : rest.substring(1));
        JsonNode value = body.get("value");
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("give the secret's \"value\" as a string");
        }
        boolean exists = secrets.exists(name);
        if (method.equals("POST") && exists) {
            return new Problem(409, "secret-exists", "Secret '" + name + "' exists; update it with PUT", requestId)
                    .toResponse();
        }
        if (method.equals("PUT") && !exists) {
            return noSecret(name, requestId);
        }
        secrets.put(name, value.asText().getBytes(StandardCharsets.UTF_8));
        return HttpResponse.status(method.equals("POST") ? 201 : 200)
                .json(Json.mapper().createObjectNode().put("name", name));
    }

    private static ObjectNode describe(ApiKey key) {
        ObjectNode node = Json.mapper().createObjectNode().put("id", key.id()).put("name", key.name())
                .put("createdAt", key.createdAt().toString());
        key.functions().forEach(node.putArray("functions")::add);
        if (key.rateLimit() != null) {
            node.put("rateLimit", key.rateLimit().describe()).put("burst", key.rateLimit().burst());
        }
        return node;
    }

    private static HttpResponse noSecret(String name, String requestId) {
        return new Problem(404, "secret-not-found", "No secret named '" + name + "'", requestId).toResponse();
    }
}
