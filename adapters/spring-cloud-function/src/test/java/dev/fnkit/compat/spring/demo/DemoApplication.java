package dev.fnkit.compat.spring.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** A Spring Cloud Function application as it would be written for any Spring adapter. */
@SpringBootApplication
public class DemoApplication {
    /** Orders the {@code record} consumer received, for the tests to see. */
    public static final Queue<Order> RECORDED = new ConcurrentLinkedQueue<>();

    /** An order. */
    public record Order(String id, int quantity) {
    }

    /** Uploads the {@code uploaded} consumer received. */
    public static final Queue<Upload> UPLOADS = new ConcurrentLinkedQueue<>();

    /** Notices the {@code inbox} consumer received, with their CloudEvents type. */
    public static final Queue<String> NOTICES = new ConcurrentLinkedQueue<>();

    /** An uploaded object, as this application models it. */
    public record Upload(String bucket, String key, long size) {
    }

    /** A price quote for an order. */
    public record Quote(String orderId, int totalCents) {
    }

    /** Prices orders; a collaborator bean, injected into a function. */
    @Bean
    public PriceList priceList(@Value("${demo.unit-cents:250}") int unitCents) {
        return new PriceList(unitCents);
    }

    @Bean
    public Function<String, String> uppercase() {
        return text -> text.toUpperCase(java.util.Locale.ROOT);
    }

    @Bean
    public Function<String, String> exclaim() {
        return text -> text + "!";
    }

    @Bean
    public Function<Order, Quote> quote(PriceList prices) {
        return order -> {
            if (order.quantity() <= 0) {
                throw new IllegalArgumentException("quantity must be positive");
            }
            return new Quote(order.id(), prices.total(order.quantity()));
        };
    }

    @Bean
    public Function<List<Order>, Integer> totalQuantity() {
        return orders -> orders.stream().mapToInt(Order::quantity).sum();
    }

    @Bean
    public Consumer<Order> record() {
        return order -> {
            if (order.quantity() > 100) {
                throw new IllegalStateException("too many items, try again later");
            }
            RECORDED.add(order);
        };
    }

    /** Reads a header as well as the payload: Spring's Message, as Spring's own adapters pass it. */
    @Bean
    public Function<Message<Order>, String> audit() {
        return message -> message.getHeaders().get("x-tenant") + " ordered " + message.getPayload().quantity()
                + " (" + message.getHeaders().get("contentType") + ")";
    }

    @Bean
    public Consumer<Upload> uploaded() {
        return UPLOADS::add;
    }

    @Bean
    public Consumer<Message<String>> inbox() {
        return message -> NOTICES.add(message.getHeaders().get("ce-type") + " " + message.getPayload());
    }

    @Bean
    public Supplier<String> greeting(@Value("${demo.greeting:Hello}") String greeting) {
        return () -> greeting + " from Spring";
    }

    /** The price of one unit. */
    public record PriceList(int unitCents) {
        int total(int quantity) {
            return unitCents * quantity;
        }
    }
}
