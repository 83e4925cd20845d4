package dev.fnkit.migrate;

import java.util.Locale;

/** fnkit function names made from class, method and bean names. */
final class Names {
    private static final int MAX = 63;

    private Names() {
    }

    /** {@code OrdersApiHandler} gives {@code orders-api}; {@code processOrder} gives {@code process-order}. */
    static String function(String name) {
        String base = name;
        for (String suffix : new String[] {"RequestHandler", "StreamHandler", "Handler", "Function", "Lambda"}) {
            if (base.endsWith(suffix) && base.length() > suffix.length()) {
                base = base.substring(0, base.length() - suffix.length());
                break;
            }
        }
        String kebab = base.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2")
                .replaceAll("[^A-Za-z0-9]+", "-")
                .toLowerCase(Locale.ROOT)
                .replaceAll("^-+|-+$", "");
        if (kebab.isEmpty() || !Character.isLetter(kebab.charAt(0))) {
            kebab = "fn-" + kebab;
        }
        return kebab.length() > MAX ? kebab.substring(0, MAX).replaceAll("-+$", "") : kebab;
    }

    /** A Java string literal. */
    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
