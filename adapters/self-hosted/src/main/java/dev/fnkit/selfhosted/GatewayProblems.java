package dev.fnkit.selfhosted;

import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Problem;

/** The problem+json responses the gateway itself writes. */
final class GatewayProblems {
    private GatewayProblems() {
    }

    /** 503 with {@code Retry-After}: the request could not be served (in time), try again. */
    static HttpResponse unavailable(String code, String detail, String requestId, int retryAfterSeconds) {
        return new Problem(503, code, detail, requestId)
                .toResponse(Headers.of("retry-after", Integer.toString(retryAfterSeconds)));
    }

    /** 504: the function did not answer before the request's deadline. */
    static HttpResponse timeout(String function, long timeoutMillis, String requestId) {
        return new Problem(504, "function-timeout", "Function '" + function + "' did not answer within its timeout of "
                + seconds(timeoutMillis), requestId).toResponse();
    }

    /** 502: the instance failed while it had the request. */
    static HttpResponse instanceFailed(String function, String requestId) {
        return new Problem(502, "instance-failed", "The instance serving function '" + function
                + "' failed while handling the request", requestId).toResponse();
    }

    static HttpResponse of(int status, String code, String detail, String requestId) {
        return new Problem(status, code, detail, requestId).toResponse();
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
