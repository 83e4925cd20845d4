package dev.fnkit.azure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Payload files and a worker-like setup shared by the tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** A payload from {@code src/test/resources/events/}. */
    static String event(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test payload " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entry point over a fresh {@link TestApp}. */
    static FnkitAzure entryPoint() {
        return new FnkitAzure(AzureRuntime.of(TestApp.application()));
    }

    /** An execution context as the worker gives one, with a logger whose records are kept. */
    static Execution execution(String functionName) {
        return execution(functionName, null, null);
    }

    static Execution execution(String functionName, String traceparent, String tracestate) {
        EmulatedExecutionContext context = new EmulatedExecutionContext(functionName, traceparent, tracestate);
        Records records = new Records();
        Logger logger = context.getLogger();
        logger.setUseParentHandlers(false);
        for (Handler handler : logger.getHandlers()) {
            logger.removeHandler(handler);
        }
        logger.addHandler(records);
        return new Execution(context, records.records);
    }

    /** An execution context and the log records written through it. */
    record Execution(EmulatedExecutionContext context, List<LogRecord> records) {
        String logText() {
            StringBuilder out = new StringBuilder();
            synchronized (records) {
                for (LogRecord record : records) {
                    out.append(record.getLevel()).append(' ').append(record.getMessage()).append('\n');
                }
            }
            return out.toString();
        }
    }

    private static final class Records extends Handler {
        private final List<LogRecord> records = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
