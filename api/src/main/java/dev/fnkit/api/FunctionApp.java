package dev.fnkit.api;

/**
 * An application's one declaration of its functions and their triggers. fnkit finds it with
 * {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/dev.fnkit.api.FunctionApp}.
 *
 * <pre>{@code
 * public final class ShopApp implements FunctionApp {
 *     public void register(Functions functions) {
 *         functions.http("hello", new Hello()).route("GET", "/hello/{name}");
 *         functions.queue("orders", "orders-queue", Order.class, new OrderHandler()).batchSize(10);
 *         functions.schedule("nightly", "0 2 * * *", new Nightly());
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #register} also runs at build time, when packaging reads the declarations: keep it free of side effects
 * and put connections, caches and other start-up work in {@link #initialize()}.
 */
public interface FunctionApp {
    /** Declares every function of the application. */
    void register(Functions functions);

    /** One-time start-up work, run once per instance before the first invocation. */
    default void initialize() throws Exception {
    }

    /**
     * Runs representative invocations so that classes are loaded and code is compiled before real traffic: before a
     * snapshot (Lambda SnapStart) or before an instance is marked ready.
     */
    default void prime(Primer primer) throws Exception {
    }
}
