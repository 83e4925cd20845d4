package dev.fnkit.aws;

import dev.fnkit.api.FunctionLogger;
import dev.fnkit.core.LineLogger;
import dev.fnkit.core.LogFormat;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * How functions log on Lambda: one line per log call on standard output (so one CloudWatch event per call), JSON
 * objects when the function's log format is JSON ({@code AWS_LAMBDA_LOG_FORMAT=JSON}, level from
 * {@code AWS_LAMBDA_LOG_LEVEL}), text otherwise (level from {@code FNKIT_LOG_LEVEL}), every line carrying the request
 * id and the function name. In text lines a stack trace is joined with carriage returns, which CloudWatch keeps
 * inside one event.
 */
final class LambdaLogs {
    /** {@link LogFormat#TEXT} on one physical line. */
    static final LogFormat ONE_LINE_TEXT = (time, level, message, error, fields) -> {
        String line = LogFormat.TEXT.format(time, level, message, error, fields);
        return line.indexOf('\n') < 0 ? line : line.replace("\r\n", "\r").replace('\n', '\r');
    };

    private final LogFormat format;
    private final LineLogger.Level level;
    private final boolean json;

    LambdaLogs(boolean json, LineLogger.Level level) {
        this.json = json;
        this.format = json ? LogFormat.JSON : ONE_LINE_TEXT;
        this.level = level;
    }

    /** The settings of this Lambda function's environment. */
    static LambdaLogs fromEnvironment() {
        return from(System::getenv);
    }

    static LambdaLogs from(Function<String, String> env) {
        boolean json = "JSON".equalsIgnoreCase(trim(env.apply("AWS_LAMBDA_LOG_FORMAT")));
        String level = json ? trim(env.apply("AWS_LAMBDA_LOG_LEVEL")) : null;
        if (level == null) {
            level = trim(env.apply("FNKIT_LOG_LEVEL"));
        }
        return new LambdaLogs(json, level(level));
    }

    boolean json() {
        return json;
    }

    LineLogger.Level level() {
        return level;
    }

    /** A logger for one invocation; its line writer is made on first use. */
    FunctionLogger logger(String requestId, String function, String extraKey, Object extraValue) {
        return new Lazy(this, requestId, function, extraKey, extraValue);
    }

    LineLogger lineLogger(Map<String, Object> fields) {
        return new LineLogger(System.out, format, level, fields);
    }

    private static LineLogger.Level level(String value) {
        if (value == null) {
            return LineLogger.Level.INFO;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "TRACE", "DEBUG" -> LineLogger.Level.DEBUG;
            case "WARN" -> LineLogger.Level.WARN;
            case "ERROR", "FATAL" -> LineLogger.Level.ERROR;
            default -> LineLogger.Level.INFO;
        };
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Defers building the line logger (and its field map) until the function logs something. */
    private static final class Lazy implements FunctionLogger {
        private final LambdaLogs logs;
        private final String requestId;
        private final String function;
        private final String extraKey;
        private final Object extraValue;
        private LineLogger delegate;

        Lazy(LambdaLogs logs, String requestId, String function, String extraKey, Object extraValue) {
            this.logs = logs;
            this.requestId = requestId;
            this.function = function;
            this.extraKey = extraKey;
            this.extraValue = extraValue;
        }

        private LineLogger delegate() {
            LineLogger logger = delegate;
            if (logger == null) {
                Map<String, Object> fields = new LinkedHashMap<>(4);
                fields.put("requestId", requestId);
                fields.put("function", function);
                if (extraKey != null && extraValue != null) {
                    fields.put(extraKey, extraValue);
                }
                logger = logs.lineLogger(fields);
                delegate = logger;
            }
            return logger;
        }

        @Override
        public void debug(String message) {
            if (logs.level.compareTo(LineLogger.Level.DEBUG) <= 0) {
                delegate().debug(message);
            }
        }

        @Override
        public void info(String message) {
            delegate().info(message);
        }

        @Override
        public void warn(String message) {
            delegate().warn(message);
        }

        @Override
        public void error(String message) {
            delegate().error(message);
        }

        @Override
        public void error(String message, Throwable error) {
            delegate().error(message, error);
        }

        @Override
        public FunctionLogger with(String key, Object value) {
            return delegate().with(key, value);
        }
    }
}
