package dev.fnkit.compat.spring;

import dev.fnkit.api.FunctionApp;

/**
 * A {@link FunctionApp} over a Spring Boot application: declare its beans in {@link #register} through
 * {@link #spring()}; the Spring context starts once, in {@link #initialize()}.
 *
 * <pre>{@code
 * public final class ShopFunctions extends SpringFunctionApp {
 *     public ShopFunctions() {
 *         super(ShopApplication.class);
 *     }
 *
 *     public void register(Functions functions) {
 *         spring().typed(functions, "uppercase");
 *         spring().http(functions, "greet", "greet").route("GET", "/greet");
 *         spring().queue(functions, "orders", "orders-queue", "processOrder").batchSize(10);
 *     }
 * }
 * }</pre>
 */
public abstract class SpringFunctionApp implements FunctionApp {
    private final SpringFunctions spring;

    /** An app over the Spring application built from these configuration classes (usually the Boot class). */
    protected SpringFunctionApp(Class<?>... sources) {
        this.spring = SpringFunctions.from(sources);
    }

    /** The Spring application's functions, to declare in {@link #register}. */
    protected final SpringFunctions spring() {
        return spring;
    }

    /** Starts the Spring context and looks up every declared bean. */
    @Override
    public void initialize() throws Exception {
        spring.start();
    }
}
