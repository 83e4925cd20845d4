package dev.fnkit.samples.migration.orders;

/**
 * An order as the API accepts it and the queue carries it.
 *
 * @param id       the order id (assigned when absent)
 * @param item     what was ordered
 * @param quantity how many, 1 to {@value Orders#MAX_QUANTITY}
 * @param status   {@code NEW} when accepted, {@code FULFILLED} once the queue consumer processed it
 */
public record Order(String id, String item, int quantity, String status) {
    /** The same order with another status. */
    public Order withStatus(String newStatus) {
        return new Order(id, item, quantity, newStatus);
    }
}
