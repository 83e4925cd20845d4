package dev.fnkit.samples.migration.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnkit.samples.migration.orders.Order;
import dev.fnkit.samples.migration.orders.Orders;

import java.util.Map;
import java.util.Optional;

/**
 * The orders HTTP API as written for AWS Lambda behind an API Gateway HTTP API, untouched by the migration: it
 * dispatches on the {@code routeKey}, reads the path parameter and JSON body, and answers with status, headers and a
 * JSON body.
 */
public final class OrdersApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        context.getLogger().log("orders-api " + event.getRouteKey() + " request " + context.getAwsRequestId());
        switch (event.getRouteKey()) {
            case "GET /orders/{id}":
                Optional<Order> order = Orders.find(event.getPathParameters().get("id"));
                return order.map(o -> json(200, o)).orElseGet(() -> error(404, "no order "
                        + event.getPathParameters().get("id")));
            case "POST /orders":
                Order requested;
                try {
                    requested = JSON.readValue(event.getBody() == null ? "" : event.getBody(), Order.class);
                } catch (JsonProcessingException e) {
                    return error(400, "the body is not an order: " + e.getOriginalMessage());
                }
                Optional<String> problem = Orders.problem(requested);
                if (problem.isPresent()) {
                    return error(400, problem.get());
                }
                Order created = Orders.create(requested);
                APIGatewayV2HTTPResponse response = json(201, created);
                response.getHeaders().put("location", "/orders/" + created.id());
                return response;
            default:
                return error(405, "unsupported route " + event.getRouteKey());
        }
    }

    private static APIGatewayV2HTTPResponse json(int status, Object body) {
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                    .withHeaders(new java.util.HashMap<>(Map.of("content-type", "application/json")))
                    .withBody(JSON.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static APIGatewayV2HTTPResponse error(int status, String message) {
        return json(status, Map.of("message", message));
    }
}
