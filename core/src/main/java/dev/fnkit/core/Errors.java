package dev.fnkit.core;

import dev.fnkit.api.Context;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpResponse;

/**
 * Maps what a function threw to what the caller sees: a {@link FunctionException} keeps its status, code and
 * message; anything else is a 500 that says only where to look. The exception is logged once, with the request id.
 */
public final class Errors {
    private Errors() {
    }

    /** The problem for a throwable, logged on the context's logger. */
    public static Problem problem(Throwable error, Context context) {
        Throwable cause = unwrap(error);
        if (cause instanceof FunctionException fe) {
            if (fe.status() >= 500) {
                context.logger().error("Function failed with " + fe.status() + " " + fe.code() + ": "
                        + fe.getMessage(), fe);
            } else {
                context.logger().warn("Function answered " + fe.status() + " " + fe.code() + ": " + fe.getMessage());
            }
            return new Problem(fe.status(), fe.code(), fe.getMessage(), context.requestId());
        }
        context.logger().error("Function threw " + cause.getClass().getName(), cause);
        return internal(context.requestId());
    }

    /** The problem+json response for a throwable. */
    public static HttpResponse response(Throwable error, Context context) {
        return problem(error, context).toResponse();
    }

    /** The 500 problem that shows no detail of the failure. */
    public static Problem internal(String requestId) {
        return new Problem(500, "internal-error", "The function failed"
                + (requestId == null ? "" : "; its logs for request " + requestId + " say why"), requestId);
    }

    /** Whether a failed event should be delivered again. */
    public static boolean retryable(Throwable error) {
        return !(unwrap(error) instanceof FunctionException fe) || fe.retryable();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException
                || t instanceof java.lang.reflect.InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
