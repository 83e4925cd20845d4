package {{package}};

import dev.fnkit.api.Context;
import dev.fnkit.api.Event;
import dev.fnkit.api.EventFunction;
import dev.fnkit.api.FunctionException;

/**
 * Takes orders from the queue, one message at a time. Messages arrive in batches of up to 10; an order that fails is
 * reported back alone and delivered again later, the others are done.
 */
public final class Handler implements EventFunction<Handler.Order> {
    /** The most items one order may have now; a larger order waits for a retry. */
    static final int CAPACITY = 100;

    /** A message's JSON body. */
    public record Order(String id, int quantity) {
    }

    @Override
    public void handle(Event<Order> event, Context context) {
        Order order = event.data();
        if (order.quantity() < 1) {
            throw FunctionException.unprocessable("empty-order", "Order " + order.id() + " has no items");
        }
        if (order.quantity() > CAPACITY) {
            throw FunctionException.unavailable("over-capacity", "Order " + order.id() + " has more than "
                    + CAPACITY + " items; it is retried later");
        }
        context.logger().with("orderId", order.id()).info("took " + order.quantity() + " items");
    }
}
