package dev.fnkit.aws;

import com.amazonaws.services.lambda.runtime.Context;
import dev.fnkit.api.Body;
import dev.fnkit.core.Errors;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.InvocationContext;
import dev.fnkit.core.Invoker;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Direct invocation of a typed function: the event is the input JSON, the result is the response JSON ({@code null}
 * when the function returns nothing). A failure, logged once, fails the invocation so the caller gets Lambda's error
 * (its type is the exception's class, e.g. {@code dev.fnkit.api.FunctionException} for a malformed input).
 */
final class TypedInvocations implements LambdaDispatch {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final FunctionDefinition function;
    private final LambdaContexts contexts;

    TypedInvocations(FunctionDefinition function, LambdaContexts contexts) {
        this.function = function;
        this.contexts = contexts;
    }

    @Override
    public void handle(InputStream input, Context lambda, OutputStream out) throws Exception {
        byte[] event = input.readAllBytes();
        InvocationContext context = contexts.create(lambda);
        Body result;
        try {
            result = Invoker.typedJson(function, Body.of(event), context);
        } catch (Exception e) {
            Errors.problem(e, context);
            throw e;
        }
        out.write(result.isEmpty() ? NULL : result.bytes());
    }
}
