package dev.fnkit.compat.aws;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnkit.api.Body;
import dev.fnkit.api.Context;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpFunction;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * A {@link RequestStreamHandler} written for API Gateway (as proxies such as aws-serverless-java-container are) as
 * an HTTP function: it reads the HTTP API (2.0) event as JSON and writes the response JSON. As API Gateway does, a
 * JSON answer without {@code statusCode} is a 200 {@code application/json} response with that JSON as its body.
 */
record HttpStreamFunction(RequestStreamHandler handler, Declared declared) implements HttpFunction {
    private static final ObjectMapper EVENTS = Json.mapper().copy()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    @Override
    public HttpResponse handle(HttpRequest request, Context context) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] event = EVENTS.writeValueAsBytes(HttpApiEvents.toEvent(request, context, declared));
        handler.handleRequest(new ByteArrayInputStream(event), out, PortableLambdaContext.of(context, declared));
        JsonNode answer;
        try {
            answer = Json.tree(out.toByteArray());
        } catch (FunctionException e) {
            throw new FunctionException(502, "invalid-lambda-response",
                    "The stream handler's response is not JSON: " + e.getMessage());
        }
        if (!answer.isObject() || !answer.has("statusCode")) {
            return HttpResponse.status(200).contentType("application/json").body(Body.of(out.toByteArray())).build();
        }
        return HttpApiEvents.toResponse(Json.convert(answer, APIGatewayV2HTTPResponse.class));
    }
}
