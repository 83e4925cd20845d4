package dev.fnkit.samples.migration.portable;

import dev.fnkit.api.Context;
import dev.fnkit.api.Event;
import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Functions;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.samples.migration.orders.Order;
import dev.fnkit.samples.migration.orders.Orders;

/**
 * Step two: the same application rewritten against the portable API, served under {@code /portable} beside the
 * Lambda version. Declared routes replace the {@code routeKey} strings, {@code FunctionException}s become problem+json
 * answers, and the queue function handles one order at a time: a throw is that message's failure, so the
 * {@code batchItemFailures} bookkeeping disappears.
 */
public final class PortableOrdersApp implements FunctionApp {
    @Override
    public void register(Functions functions) {
        functions.http("portable-orders-api", (request, context) -> request.method().equals("POST")
                        ? create(request, context) : get(request, context))
                .route("GET", "/portable/orders/{id}")
                .route("POST", "/portable/orders");
        functions.queue("portable-order-events", "order-events", Order.class, PortableOrdersApp::fulfil)
                .batchSize(10);
    }

    static HttpResponse get(HttpRequest request, Context context) {
        String id = request.pathParameter("id").orElseThrow();
        return Orders.find(id).map(HttpResponse::json)
                .orElseThrow(() -> new FunctionException(404, "order-not-found", "no order " + id));
    }

    static HttpResponse create(HttpRequest request, Context context) {
        Order requested = request.bodyAs(Order.class);
        Orders.problem(requested).ifPresent(problem -> {
            throw FunctionException.badRequest("invalid-order", problem);
        });
        Order created = Orders.create(requested);
        context.logger().with("orderId", created.id()).info("order created");
        return HttpResponse.status(201).header("location", "/portable/orders/" + created.id()).json(created);
    }

    static void fulfil(Event<Order> event, Context context) {
        Order order = event.data();
        Orders.problem(order).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        Orders.fulfil(order);
        context.logger().with("orderId", order.id()).info("order fulfilled");
    }
}
