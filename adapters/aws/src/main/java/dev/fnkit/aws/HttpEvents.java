package dev.fnkit.aws;

import com.amazonaws.services.lambda.runtime.Context;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Errors;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.InvocationContext;
import dev.fnkit.core.Invoker;
import dev.fnkit.core.Problem;
import dev.fnkit.core.Router;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Serves an HTTP function: tells the gateway shape from the event's defining fields ({@code version} "2.0" with
 * {@code requestContext.http}; {@code requestContext.elb}; {@code httpMethod} with {@code requestContext}), maps the
 * request, routes it against the function's own routes for path parameters, and answers in the same shape. Every
 * failure, a malformed event included, becomes a problem+json response rather than a Lambda invocation error.
 */
final class HttpEvents implements LambdaDispatch {
    private final FunctionDefinition function;
    private final Router router;
    private final LambdaContexts contexts;

    HttpEvents(FunctionDefinition function, LambdaContexts contexts) {
        this.function = function;
        this.router = Router.of(List.of(function));
        this.contexts = contexts;
    }

    @Override
    public void handle(InputStream input, Context lambda, OutputStream out) throws IOException {
        GatewayEvent event;
        GatewayShape shape = null;
        InvocationContext context = null;
        HttpResponse response;
        try {
            event = GatewayEvent.read(input);
            shape = event.shape();
            context = contexts.create(lambda, "gatewayRequestId", event.requestId);
            if (shape == null) {
                throw FunctionException.badRequest("malformed-event", "Function '" + function.name() + "' is an HTTP"
                        + " function: expected an API Gateway REST (payload 1.0), HTTP API (payload 2.0), function"
                        + " URL or ALB event, but the event has no 'requestContext.http' with 'version' \"2.0\","
                        + " no 'requestContext.elb' and no 'httpMethod' with 'requestContext'");
            }
            response = serve(event, shape, context);
        } catch (RuntimeException e) {
            if (context == null) {
                context = contexts.create(lambda);
            }
            response = Errors.response(e, context);
        }
        GatewayResponses.write(shape, response, out, context.logger());
    }

    private HttpResponse serve(GatewayEvent event, GatewayShape shape, InvocationContext context) {
        GatewayRequests mapping = GatewayRequests.of(shape);
        String method = mapping.method(event, shape);
        String path = mapping.path(event, shape);
        Router.Result route = router.route(method, path);
        if (route instanceof Router.Match match) {
            HttpRequest.Builder request = mapping.request(event, shape, method, path);
            if (!match.pathParameters().isEmpty()) {
                request.pathParameters(match.pathParameters());
            }
            return Invoker.http(function, request.build(), context);
        }
        if (route instanceof Router.MethodNotAllowed notAllowed) {
            String allow = String.join(", ", notAllowed.allowed());
            return new Problem(405, "method-not-allowed", method + " is not allowed on " + path + "; allowed: "
                    + allow, context.requestId()).toResponse(Headers.of("allow", allow));
        }
        return new Problem(404, "not-found", "Function '" + function.name() + "' has no route for " + method + " "
                + path, context.requestId()).toResponse();
    }
}
