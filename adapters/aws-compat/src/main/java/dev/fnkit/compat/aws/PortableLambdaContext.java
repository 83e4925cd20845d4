package dev.fnkit.compat.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.fnkit.api.FunctionLogger;
import dev.fnkit.api.TraceContext;

import java.nio.charset.StandardCharsets;

/**
 * A Lambda {@link Context} built from fnkit's: the request id, the function name, the remaining time until fnkit's
 * deadline, the declared memory, an X-Ray trace header from the W3C trace context, and a {@link LambdaLogger} that
 * writes through fnkit's logger (so lines carry the request id in the target's log format). On AWS itself the real
 * Lambda context is used instead (see {@link #of}).
 */
final class PortableLambdaContext implements Context {
    private final dev.fnkit.api.Context context;
    private final int memoryMb;

    private PortableLambdaContext(dev.fnkit.api.Context context, int memoryMb) {
        this.context = context;
        this.memoryMb = memoryMb;
    }

    /** The platform's own Lambda context when there is one, else one built from fnkit's. */
    static Context of(dev.fnkit.api.Context context, Declared declared) {
        return context.unwrap(Context.class).orElseGet(() -> new PortableLambdaContext(context, declared.memoryMb()));
    }

    @Override
    public String getAwsRequestId() {
        return context.requestId();
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + context.functionName();
    }

    @Override
    public String getLogStreamName() {
        return context.provider().name().toLowerCase(java.util.Locale.ROOT) + "/" + context.functionName();
    }

    @Override
    public String getFunctionName() {
        return context.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return AwsNames.arn("lambda", context.functionName(), "function:");
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.min(Integer.MAX_VALUE, context.remainingTime().toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new Logger(context.logger());
    }

    /** {@code Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=0|1} from the W3C trace, or null without one. */
    @Override
    public String getXrayTraceId() {
        return context.trace().map(PortableLambdaContext::xray).orElse(null);
    }

    private static String xray(TraceContext trace) {
        String id = trace.traceId();
        return "Root=1-" + id.substring(0, 8) + "-" + id.substring(8) + ";Parent=" + trace.parentId() + ";Sampled="
                + (trace.sampled() ? "1" : "0");
    }

    /** Lambda log calls as fnkit log lines; a line's trailing newline is dropped, levels map one to one. */
    private record Logger(FunctionLogger logger) implements LambdaLogger {
        @Override
        public void log(String message) {
            log(message, LogLevel.UNDEFINED);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8), LogLevel.UNDEFINED);
        }

        @Override
        public void log(byte[] message, LogLevel level) {
            log(new String(message, StandardCharsets.UTF_8), level);
        }

        @Override
        public void log(String message, LogLevel level) {
            String line = message == null ? "null" : message.endsWith("\n")
                    ? message.substring(0, message.length() - 1) : message;
            switch (level == null ? LogLevel.UNDEFINED : level) {
                case TRACE, DEBUG -> logger.debug(line);
                case WARN -> logger.warn(line);
                case ERROR, FATAL -> logger.error(line);
                default -> logger.info(line);
            }
        }
    }
}
