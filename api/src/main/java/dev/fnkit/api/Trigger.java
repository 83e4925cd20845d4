package dev.fnkit.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What makes a function run. Packaging reads triggers to configure each provider; the runtimes use them to decode
 * events. Most applications use the shortcuts on {@link Functions} rather than these records.
 */
public sealed interface Trigger {
    /** HTTP requests at these routes. */
    record Http(List<Route> routes) implements Trigger {
        public Http {
            routes = List.copyOf(routes);
        }
    }

    /** Direct invocation with a JSON payload (typed functions): {@code POST /{name}}, Lambda invoke, ... */
    record Invoke() implements Trigger {
    }

    /** Messages from a queue, delivered up to {@code batchSize} at a time. */
    record Queue(String queue, int batchSize) implements Trigger {
        public Queue {
            requireName(queue, "queue");
            requireBatchSize(batchSize);
        }
    }

    /** Messages published to a topic. */
    record Topic(String topic) implements Trigger {
        public Topic {
            requireName(topic, "topic");
        }
    }

    /** Changes to objects in a bucket. */
    record Storage(String bucket, Set<StorageChange> changes) implements Trigger {
        public Storage {
            requireName(bucket, "bucket");
            if (changes.isEmpty()) {
                throw new IllegalArgumentException("a storage trigger needs at least one change kind");
            }
            changes = Set.copyOf(changes);
        }
    }

    /** A schedule, as a standard 5-field cron expression (minute hour day-of-month month day-of-week), in UTC. */
    record Schedule(String cron) implements Trigger {
        public Schedule {
            requireName(cron, "cron");
        }
    }

    /** Records from an ordered stream, delivered up to {@code batchSize} at a time. */
    record Stream(String stream, int batchSize) implements Trigger {
        public Stream {
            requireName(stream, "stream");
            requireBatchSize(batchSize);
        }
    }

    /** Changes to a table or collection, delivered up to {@code batchSize} at a time. */
    record Change(String source, int batchSize) implements Trigger {
        public Change {
            requireName(source, "source");
            requireBatchSize(batchSize);
        }
    }

    static Http http(Route... routes) {
        return new Http(List.of(routes));
    }

    static Invoke invoke() {
        return new Invoke();
    }

    static Queue queue(String queue) {
        return new Queue(queue, 1);
    }

    static Topic topic(String topic) {
        return new Topic(topic);
    }

    static Storage storage(String bucket, StorageChange first, StorageChange... more) {
        return new Storage(bucket, EnumSet.of(first, more));
    }

    static Schedule schedule(String cron) {
        return new Schedule(cron);
    }

    static Stream stream(String stream) {
        return new Stream(stream, 100);
    }

    static Change change(String source) {
        return new Change(source, 100);
    }

    private static void requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be blank");
        }
    }

    private static void requireBatchSize(int batchSize) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batch size must be 1 to 10000 but was " + batchSize);
        }
    }
}
