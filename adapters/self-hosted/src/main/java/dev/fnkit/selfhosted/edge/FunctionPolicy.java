package dev.fnkit.selfhosted.edge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnkit.core.Json;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the gateway enforces for one function, from its gateway settings ({@link #parse}).
 *
 * @param apiKeys      true when every invocation needs an API key allowed for the function
 * @param rateLimit    the function's rate limit, or null
 * @param cors         the function's CORS policy, or null for none (preflights then reach the function)
 * @param maxBodyBytes the largest request body, or -1 for the gateway's limit
 * @param secrets      the secrets its instances get as files
 */
record FunctionPolicy(boolean apiKeys, RateLimit rateLimit, Cors cors, long maxBodyBytes, List<String> secrets) {
    static final FunctionPolicy OPEN = new FunctionPolicy(false, null, null, -1, List.of());
    /** Every setting's name. */
    static final List<String> SETTINGS = List.of("auth", "rateLimit", "burst", "corsOrigins", "corsMethods",
            "corsHeaders", "corsMaxAge", "maxBodyBytes", "secrets");

    FunctionPolicy {
        secrets = List.copyOf(secrets);
    }

    /**
     * A policy from settings: {@code auth} ({@code none} or {@code api-key}), {@code rateLimit} ({@code 10/s},
     * {@code 600/m}) and {@code burst}, {@code corsOrigins} (comma-separated, or {@code *}), {@code corsMethods},
     * {@code corsHeaders}, {@code corsMaxAge} (seconds), {@code maxBodyBytes}, {@code secrets} (comma-separated
     * names).
     *
     * @throws IllegalArgumentException naming an unknown setting or a bad value
     */
    static FunctionPolicy parse(Map<String, String> settings) {
        for (String name : settings.keySet()) {
            if (!SETTINGS.contains(name)) {
                throw new IllegalArgumentException("unknown gateway setting '" + name + "' (known: "
                        + String.join(", ", SETTINGS) + ")");
            }
        }
        String auth = settings.getOrDefault("auth", "none").strip().toLowerCase(Locale.ROOT);
        if (!auth.equals("none") && !auth.equals("api-key")) {
            throw new IllegalArgumentException("gateway setting auth is none or api-key, not '" + auth + "'");
        }
        RateLimit rate = settings.containsKey("rateLimit")
                ? RateLimit.parse(settings.get("rateLimit"), settings.get("burst")) : null;
        if (rate == null && settings.containsKey("burst")) {
            throw new IllegalArgumentException("gateway setting burst needs a rateLimit");
        }
        Cors cors = null;
        if (settings.containsKey("corsOrigins")) {
            List<String> methods = settings.containsKey("corsMethods")
                    ? list(settings.get("corsMethods")).stream().map(m -> m.toUpperCase(Locale.ROOT)).toList()
                    : Cors.DEFAULT_METHODS;
            Set<String> headers = settings.containsKey("corsHeaders")
                    ? new LinkedHashSet<>(list(settings.get("corsHeaders")).stream()
                    .map(h -> h.toLowerCase(Locale.ROOT)).toList()) : Cors.DEFAULT_HEADERS;
            cors = new Cors(new LinkedHashSet<>(list(settings.get("corsOrigins"))), methods, headers,
                    number(settings, "corsMaxAge", 600));
            if (cors.origins().isEmpty()) {
                throw new IllegalArgumentException("gateway setting corsOrigins names no origin");
            }
        } else if (settings.containsKey("corsMethods") || settings.containsKey("corsHeaders")
                || settings.containsKey("corsMaxAge")) {
            throw new IllegalArgumentException("CORS settings need corsOrigins");
        }
        long maxBody = number(settings, "maxBodyBytes", -1);
        if (settings.containsKey("maxBodyBytes") && maxBody < 0) {
            throw new IllegalArgumentException("gateway setting maxBodyBytes must not be negative");
        }
        List<String> secrets = settings.containsKey("secrets") ? list(settings.get("secrets")) : List.of();
        secrets.forEach(SecretStore::checkName);
        return new FunctionPolicy(auth.equals("api-key"), rate, cors, maxBody, secrets);
    }

    /** The policy as the admin API shows it. */
    ObjectNode describe() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("auth", apiKeys ? "api-key" : "none");
        if (rateLimit != null) {
            node.put("rateLimit", rateLimit.describe()).put("burst", rateLimit.burst());
        }
        if (cors != null) {
            node.put("corsOrigins", String.join(",", cors.origins()));
            node.put("corsMethods", String.join(",", cors.methods()));
            node.put("corsHeaders", String.join(",", cors.headers()));
        }
        if (maxBodyBytes >= 0) {
            node.put("maxBodyBytes", maxBodyBytes);
        }
        node.putArray("secrets").addAll(secrets.stream().map(s -> Json.mapper().getNodeFactory().textNode(s))
                .toList());
        return node;
    }

    private static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    private static long number(Map<String, String> settings, String name, long otherwise) {
        String value = settings.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gateway setting " + name + " must be a whole number, not '" + value
                    + "'");
        }
    }
}
