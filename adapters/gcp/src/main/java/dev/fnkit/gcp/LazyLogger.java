package dev.fnkit.gcp;

import dev.fnkit.api.FunctionLogger;

import java.util.function.Supplier;

/** A logger made on first use, so that invocations that log nothing do not pay for its fields. */
final class LazyLogger implements FunctionLogger {
    private final Supplier<? extends FunctionLogger> factory;
    private FunctionLogger logger;

    LazyLogger(Supplier<? extends FunctionLogger> factory) {
        this.factory = factory;
    }

    private FunctionLogger logger() {
        FunctionLogger made = logger;
        if (made == null) {
            made = factory.get();
            logger = made;
        }
        return made;
    }

    @Override
    public void debug(String message) {
        logger().debug(message);
    }

    @Override
    public void info(String message) {
        logger().info(message);
    }

    @Override
    public void warn(String message) {
        logger().warn(message);
    }

    @Override
    public void error(String message) {
        logger().error(message);
    }

    @Override
    public void error(String message, Throwable error) {
        logger().error(message, error);
    }

    @Override
    public FunctionLogger with(String key, Object value) {
        return logger().with(key, value);
    }
}
