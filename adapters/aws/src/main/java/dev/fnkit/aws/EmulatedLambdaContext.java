package dev.fnkit.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The Lambda context {@link AwsEmulator} gives its invocations, shaped like the runtime's. */
final class EmulatedLambdaContext implements Context {
    private final String requestId;
    private final String functionName;
    private final int memoryMb;
    private final Instant deadline;
    private final String traceHeader;

    EmulatedLambdaContext(String requestId, String functionName, int memoryMb, Instant deadline) {
        this(requestId, functionName, memoryMb, deadline, null);
    }

    /** A context whose X-Ray trace header is {@code traceHeader} (or none when null). */
    EmulatedLambdaContext(String requestId, String functionName, int memoryMb, Instant deadline,
                          String traceHeader) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.memoryMb = memoryMb;
        this.deadline = deadline;
        this.traceHeader = traceHeader;
    }

    @Override
    public String getXrayTraceId() {
        return traceHeader;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "2024/01/01/[$LATEST]fnkitemulator0000000000000000";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + AwsEmulator.REGION + ":" + AwsEmulator.ACCOUNT + ":function:" + functionName;
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
        long left = deadline.toEpochMilli() - System.currentTimeMillis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.print(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
