package dev.fnkit.selfhosted.async;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where accepted calls live until they are delivered: every future completes only once what it changed is durable.
 * {@link SqliteJournal} is the embedded implementation; a distributed log (Kafka, NATS JetStream) can replace it.
 * Delivery is at least once: a call leased when the gateway dies is delivered again after {@link #recover()}.
 */
public interface Journal extends AutoCloseable {
    /**
     * Stores new calls atomically (all or none); a call whose idempotency key its function has seen before is not
     * stored again, the earlier call's id is returned instead.
     */
    CompletableFuture<List<Accepted>> append(List<Call> calls);

    /**
     * Leases up to {@code limit} calls due at {@code now}, oldest first. A call with a partition key is leased only
     * when no earlier call of its function and partition is pending or leased.
     */
    CompletableFuture<List<Call>> claim(long now, int limit);

    /** Records what became of leased calls. */
    CompletableFuture<Void> settle(List<Settlement> settlements);

    /** The dead letters, oldest first. */
    CompletableFuture<List<DeadLetter>> deadLetters(int limit);

    /**
     * Makes dead letters pending again with their attempts reset, due at {@code now}.
     *
     * @param id one call's id, or empty for every dead letter
     * @return the calls redriven
     */
    CompletableFuture<Integer> redrive(Optional<String> id, long now);

    /** The calls held, by state. */
    CompletableFuture<Depth> depth();

    /**
     * Forgets calls completed before {@code before}, and with them their idempotency keys.
     *
     * @return how many were forgotten
     */
    CompletableFuture<Integer> prune(long before);

    /** A value of the runtime's own state (such as a schedule's last fire time), by key. */
    CompletableFuture<Optional<String>> state(String key);

    /** Stores a value of the runtime's own state. */
    CompletableFuture<Void> state(String key, String value);

    /** Returns the calls leased when the runtime last stopped to pending; called once before delivering. */
    void recover();

    @Override
    void close();
}
