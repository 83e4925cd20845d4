package dev.fnkit.samples.migration.orders;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The orders domain shared by the Lambda handlers and their portable rewrite: validation and an in-memory store
 * (a stand-in for DynamoDB or a database). Migrating keeps this code; only the handlers change.
 */
public final class Orders {
    /** The most items one order may ask for. */
    public static final int MAX_QUANTITY = 100;

    private static final Map<String, Order> STORE = new ConcurrentHashMap<>();

    private Orders() {
    }

    /**
     * Why an order cannot be accepted, or empty when it can.
     *
     * @param order the order, possibly null when the body was not an order
     */
    public static Optional<String> problem(Order order) {
        if (order == null || order.item() == null || order.item().isBlank()) {
            return Optional.of("an order needs an item");
        }
        if (order.quantity() < 1 || order.quantity() > MAX_QUANTITY) {
            return Optional.of("quantity must be 1 to " + MAX_QUANTITY + " but was " + order.quantity());
        }
        return Optional.empty();
    }

    /** Stores a valid new order under a fresh id (or its own), status {@code NEW}. */
    public static Order create(Order order) {
        String id = order.id() == null || order.id().isBlank() ? UUID.randomUUID().toString() : order.id();
        Order created = new Order(id, order.item(), order.quantity(), "NEW");
        STORE.put(id, created);
        return created;
    }

    /** Marks an order fulfilled, storing it when it was not known yet. */
    public static Order fulfil(Order order) {
        Order fulfilled = order.withStatus("FULFILLED");
        STORE.put(order.id(), fulfilled);
        return fulfilled;
    }

    public static Optional<Order> find(String id) {
        return Optional.ofNullable(STORE.get(id));
    }
}
