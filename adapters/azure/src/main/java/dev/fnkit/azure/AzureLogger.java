package dev.fnkit.azure;

import dev.fnkit.api.FunctionLogger;
import dev.fnkit.core.LineLogger;
import dev.fnkit.core.LogFormat;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link FunctionLogger} writing through {@code ExecutionContext.getLogger()}, the channel the Java worker forwards
 * to the Functions host (and so to Application Insights) with the invocation id attached. Each line is
 * {@link LogFormat#TEXT} with the fields (request id and function first); an exception goes to the host as the
 * record's exception rather than into the text.
 */
final class AzureLogger implements FunctionLogger {
    private final Logger logger;
    private final LineLogger.Level minimum;
    private final Map<String, Object> fields;
    private final Clock clock;

    AzureLogger(Logger logger, LineLogger.Level minimum, Map<String, Object> fields) {
        this(logger, minimum, fields, Clock.systemUTC());
    }

    private AzureLogger(Logger logger, LineLogger.Level minimum, Map<String, Object> fields, Clock clock) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.minimum = minimum;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.clock = clock;
    }

    static Level julLevel(LineLogger.Level level) {
        return switch (level) {
            case DEBUG -> Level.FINE;
            case INFO -> Level.INFO;
            case WARN -> Level.WARNING;
            case ERROR -> Level.SEVERE;
        };
    }

    private void log(LineLogger.Level level, String message, Throwable error) {
        Level jul = julLevel(level);
        if (level.compareTo(minimum) < 0 || !logger.isLoggable(jul)) {
            return;
        }
        String line = LogFormat.TEXT.format(clock.instant(), level, String.valueOf(message), null, fields);
        if (error == null) {
            logger.log(jul, line);
        } else {
            logger.log(jul, line, error);
        }
    }

    @Override
    public void debug(String message) {
        log(LineLogger.Level.DEBUG, message, null);
    }

    @Override
    public void info(String message) {
        log(LineLogger.Level.INFO, message, null);
    }

    @Override
    public void warn(String message) {
        log(LineLogger.Level.WARN, message, null);
    }

    @Override
    public void error(String message) {
        log(LineLogger.Level.ERROR, message, null);
    }

    @Override
    public void error(String message, Throwable error) {
        log(LineLogger.Level.ERROR, message, error);
    }

    @Override
    public FunctionLogger with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(fields);
        more.put(Objects.requireNonNull(key, "key"), value);
        return new AzureLogger(logger, minimum, more, clock);
    }
}
