package dev.fnkit.samples.spring;

import java.util.concurrent.atomic.AtomicInteger;

/** The inventory: a unit price and the units reserved so far. A Spring bean injected into the functions. */
public final class Stock {
    /** The largest quantity one reservation may take. */
    static final int MAX_RESERVATION = 100;

    /** What {@code status} reports. */
    public record Status(int unitCents, int reserved) {
    }

    private final int unitCents;
    private final AtomicInteger reserved = new AtomicInteger();

    Stock(int unitCents) {
        this.unitCents = unitCents;
    }

    int price(int quantity) {
        return unitCents * quantity;
    }

    void reserve(InventoryApplication.Order order) {
        if (order.quantity() > MAX_RESERVATION) {
            throw new IllegalStateException("cannot reserve " + order.quantity() + " of " + order.item()
                    + " at once, try again later");
        }
        reserved.addAndGet(order.quantity());
    }

    Status status() {
        return new Status(unitCents, reserved.get());
    }
}
