package dev.fnkit.selfhosted.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.core.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API keys, persisted in {@code <data-dir>/api-keys.json} (0600) as SHA-256 hashes: a key is shown once, when
 * it is created, and never stored. A key is {@code fnk_<id>_<32 random bytes, base64url>}; looking one up hashes it
 * and reads a map, so it is cheap enough for the event loop.
 */
final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "fnk_";

    private final Path file;
    private volatile Map<String, ApiKey> byHash = Map.of();

    ApiKeys(Path dataDir) throws IOException {
        this.file = dataDir.resolve("api-keys.json");
        if (Files.isRegularFile(file)) {
            Map<String, ApiKey> keys = new LinkedHashMap<>();
            for (JsonNode node : Json.mapper().readTree(file.toFile()).path("keys")) {
                JsonNode rate = node.path("rateLimit");
                ApiKey key = new ApiKey(node.path("id").asText(), node.path("name").asText(),
                        node.path("sha256").asText(), strings(node.path("functions")),
                        rate.isObject() ? new RateLimit(rate.path("perSecond").asDouble(), rate.path("burst").asInt())
                                : null, Instant.parse(node.path("createdAt").asText()));
                keys.put(key.sha256(), key);
            }
            byHash = Map.copyOf(keys);
        }
    }

    /** A key just created: the stored record and the key itself, to be shown this once. */
    record Created(ApiKey key, String secret) {
    }

    synchronized Created create(String name, List<String> functions, RateLimit rateLimit) throws IOException {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        byte[] idBytes = new byte[6];
        RANDOM.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiKey key = new ApiKey(id, name, sha256(secret), functions.isEmpty() ? List.of("*") : functions, rateLimit,
                Instant.now());
        Map<String, ApiKey> keys = new LinkedHashMap<>(byHash);
        keys.put(key.sha256(), key);
        save(keys);
        return new Created(key, secret);
    }

    /** Revokes a key by id; false when there is none. */
    synchronized boolean revoke(String id) throws IOException {
        Map<String, ApiKey> keys = new LinkedHashMap<>(byHash);
        if (!keys.values().removeIf(k -> k.id().equals(id))) {
            return false;
        }
        save(keys);
        return true;
    }

    List<ApiKey> list() {
        List<ApiKey> keys = new ArrayList<>(byHash.values());
        keys.sort(java.util.Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id));
        return keys;
    }

    /** The key presented, if it is one of ours. */
    Optional<ApiKey> lookup(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || byHash.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(sha256(presented)));
    }

    private void save(Map<String, ApiKey> keys) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode array = root.putArray("keys");
        for (ApiKey key : keys.values()) {
            ObjectNode node = array.addObject().put("id", key.id()).put("name", key.name())
                    .put("sha256", key.sha256()).put("createdAt", key.createdAt().toString());
            key.functions().forEach(node.putArray("functions")::add);
            if (key.rateLimit() != null) {
                node.putObject("rateLimit").put("perSecond", key.rateLimit().perSecond())
                        .put("burst", key.rateLimit().burst());
            }
        }
        OwnerOnly.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        byHash = Map.copyOf(keys);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
