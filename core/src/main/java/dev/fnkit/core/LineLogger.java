package dev.fnkit.core;

import dev.fnkit.api.FunctionLogger;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link FunctionLogger} that writes one line per call to a stream, in a {@link LogFormat}, with fields (the
 * request id and function name first) on every line.
 */
public final class LineLogger implements FunctionLogger {
    /** Log levels, lowest first. */
    public enum Level {
        DEBUG,
        INFO,
        WARN,
        ERROR
    }

    private final PrintStream out;
    private final LogFormat format;
    private final Level minimum;
    private final Map<String, Object> fields;
    private final Clock clock;

    public LineLogger(PrintStream out, LogFormat format, Level minimum, Map<String, Object> fields) {
        this(out, format, minimum, fields, Clock.systemUTC());
    }

    LineLogger(PrintStream out, LogFormat format, Level minimum, Map<String, Object> fields, Clock clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.format = Objects.requireNonNull(format, "format");
        this.minimum = Objects.requireNonNull(minimum, "minimum");
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.clock = clock;
    }

    /** The level set by env {@code FNKIT_LOG_LEVEL} (DEBUG, INFO, WARN, ERROR), INFO by default. */
    public static Level levelFromEnvironment() {
        String value = System.getenv("FNKIT_LOG_LEVEL");
        if (value == null || value.isBlank()) {
            return Level.INFO;
        }
        try {
            return Level.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }

    /** The fields on every line. */
    public Map<String, Object> fields() {
        return fields;
    }

    public boolean enabled(Level level) {
        return level.compareTo(minimum) >= 0;
    }

    public void log(Level level, String message, Throwable error) {
        if (!enabled(level)) {
            return;
        }
        String line = format.format(clock.instant(), level, String.valueOf(message), error, fields);
        out.println(line);
    }

    @Override
    public void debug(String message) {
        log(Level.DEBUG, message, null);
    }

    @Override
    public void info(String message) {
        log(Level.INFO, message, null);
    }

    @Override
    public void warn(String message) {
        log(Level.WARN, message, null);
    }

    @Override
    public void error(String message) {
        log(Level.ERROR, message, null);
    }

    @Override
    public void error(String message, Throwable error) {
        log(Level.ERROR, message, error);
    }

    @Override
    public LineLogger with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(fields);
        more.put(Objects.requireNonNull(key, "key"), value);
        return new LineLogger(out, format, minimum, more, clock);
    }
}
