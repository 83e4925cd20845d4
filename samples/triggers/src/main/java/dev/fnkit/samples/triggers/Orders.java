package dev.fnkit.samples.triggers;

import dev.fnkit.api.Context;
import dev.fnkit.api.Event;
import dev.fnkit.api.EventFunction;

/** Processes orders; one whose JSON has {@code "fail": true} fails, and only that item is reported. */
public final class Orders implements EventFunction<Order> {
    @Override
    public void handle(Event<Order> event, Context context) {
        Order order = event.data();
        if (order.fail()) {
            throw new IllegalStateException("order " + order.id() + " cannot be processed");
        }
        Recorder.record("orders", event);
        context.logger().with("orderId", order.id()).info("processed order");
    }
}
