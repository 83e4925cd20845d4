package dev.fnkit.local.scaffold;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The language of an {@link Template#EXEC exec} function: its handler file and the template part that holds it. */
enum Lang {
    SHELL("handler.sh", "exec-sh"),
    PYTHON("handler.py", "exec-python");

    private final String handler;
    private final String part;

    Lang(String handler, String part) {
        this.handler = handler;
        this.part = part;
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    String handler() {
        return handler;
    }

    String part() {
        return part;
    }

    static Optional<Lang> byId(String id) {
        return Arrays.stream(values()).filter(l -> l.id().equals(id)).findFirst();
    }
}
