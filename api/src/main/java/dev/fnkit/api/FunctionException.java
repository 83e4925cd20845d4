package dev.fnkit.api;

import java.util.Objects;

/**
 * An error a function means to report: an HTTP status, a machine-readable code and a message that is safe to show
 * the caller. Over HTTP it becomes an {@code application/problem+json} response with that status; for events,
 * {@link #retryable()} decides whether the platform redelivers.
 */
public class FunctionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    /**
     * @param status  HTTP status, 400 to 599
     * @param code    a short machine-readable code such as {@code order-not-found}
     * @param message a message safe to show the caller
     */
    public FunctionException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public FunctionException(int status, String code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a FunctionException status must be 400 to 599 but was " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
    }

    /** 400: the request or event is malformed. */
    public static FunctionException badRequest(String code, String message) {
        return new FunctionException(400, code, message);
    }

    /** 404. */
    public static FunctionException notFound(String code, String message) {
        return new FunctionException(404, code, message);
    }

    /** 409. */
    public static FunctionException conflict(String code, String message) {
        return new FunctionException(409, code, message);
    }

    /** 422: well-formed but not acceptable. */
    public static FunctionException unprocessable(String code, String message) {
        return new FunctionException(422, code, message);
    }

    /** 503: try again later. */
    public static FunctionException unavailable(String code, String message) {
        return new FunctionException(503, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /**
     * Whether an event that failed with this should be delivered again: true for 408, 429 and 5xx, false for other
     * client errors (a malformed event will not get better by retrying).
     */
    public boolean retryable() {
        return status >= 500 || status == 408 || status == 429;
    }
}
