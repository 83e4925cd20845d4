package dev.fnkit.samples.triggers;

/**
 * An order message on the {@code orders-queue}.
 *
 * @param id   the order id
 * @param item what was ordered
 * @param fail set to make processing fail, to exercise per-item batch failure
 */
public record Order(String id, String item, boolean fail) {
}
