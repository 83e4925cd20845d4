package dev.fnkit.api;

/**
 * A structured logger bound to one invocation: every line carries the request id and the function name, and is
 * written in the format the platform's log service parses (JSON lines on AWS with JSON logging, on GCP, and on the
 * self-hosted runtime).
 */
public interface FunctionLogger {
    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message);

    /** Logs an error with its exception. */
    void error(String message, Throwable error);

    /** A logger that adds this field to every line. */
    FunctionLogger with(String key, Object value);
}
