package dev.fnkit.samples.spring;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An inventory service written as a plain Spring Cloud Function application, with no fnkit type in sight: the
 * beans are what Spring's own provider adapters would serve.
 */
@SpringBootApplication
public class InventoryApplication {
    /** A request for a quantity of one item. */
    public record Order(String id, String item, int quantity) {
    }

    /** A priced order. */
    public record Quote(String orderId, String item, int totalCents) {
    }

    @Bean
    public Stock stock(@Value("${inventory.unit-cents:250}") int unitCents) {
        return new Stock(unitCents);
    }

    @Bean
    public Function<Order, Quote> quote(Stock stock) {
        return order -> {
            if (order.quantity() <= 0) {
                throw new IllegalArgumentException("quantity must be positive but was " + order.quantity());
            }
            return new Quote(order.id(), order.item(), stock.price(order.quantity()));
        };
    }

    @Bean
    public Function<String, String> normalize() {
        return item -> item.strip().toLowerCase(Locale.ROOT);
    }

    @Bean
    public Consumer<Order> reserve(Stock stock) {
        return stock::reserve;
    }

    @Bean
    public Supplier<Stock.Status> status(Stock stock) {
        return stock::status;
    }
}
