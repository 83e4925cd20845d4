package dev.fnkit.compat.aws;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.Context;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.TypedFunction;
import dev.fnkit.core.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * A {@link RequestStreamHandler} as a typed function: the invocation's JSON is the input stream, what the handler
 * writes is the JSON result (nothing written is a null result). Output that is not JSON is a 502.
 */
record StreamHandlerFunction(RequestStreamHandler handler, Declared declared) implements TypedFunction<JsonNode, JsonNode> {
    @Override
    public JsonNode apply(JsonNode input, Context context) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.encode(input)), out,
                PortableLambdaContext.of(context, declared));
        if (out.size() == 0) {
            return null;
        }
        try {
            return Json.tree(out.toByteArray());
        } catch (FunctionException e) {
            throw new FunctionException(502, "invalid-lambda-response",
                    "The stream handler wrote something that is not JSON: " + e.getMessage());
        }
    }
}
