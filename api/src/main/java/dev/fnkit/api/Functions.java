package dev.fnkit.api;

/**
 * Where a {@link FunctionApp} declares its functions. Names are 1 to 63 characters: lower-case letters, digits and
 * hyphens, starting with a letter (a name every provider accepts). A declaration that is invalid (a duplicate name,
 * a bad route template or cron expression, a data type the trigger cannot deliver) fails with a message naming the
 * function and the problem.
 *
 * <p>Event data types: each trigger delivers a portable record ({@link QueueMessage}, {@link TopicMessage},
 * {@link StorageObjectEvent}, {@link ScheduleTick}, {@link StreamRecord}, {@link ChangeRecord}). Declare that record
 * type to receive it whole; for queue, topic and stream triggers you may instead declare {@link Body},
 * {@code String}, {@code byte[]} or any JSON-mapped class, and receive the payload converted.
 */
public interface Functions {
    /** An HTTP function; chain {@link HttpDeclaration#route(String, String)} to set its routes. */
    HttpDeclaration http(String name, HttpFunction function);

    /** A JSON-in, JSON-out function. */
    <I, O> TypedDeclaration typed(String name, Class<I> inputType, TypedFunction<I, O> function);

    /** An event function on any event trigger; batches are run item by item with per-item failure. */
    <T> EventDeclaration event(String name, Trigger trigger, Class<T> dataType, EventFunction<T> function);

    /** A function that receives whole batches. */
    <T> EventDeclaration batch(String name, Trigger trigger, Class<T> dataType, BatchFunction<T> function);

    /** Messages from {@code queue}. */
    default <T> EventDeclaration queue(String name, String queue, Class<T> dataType, EventFunction<T> function) {
        return event(name, Trigger.queue(queue), dataType, function);
    }

    /** Messages published to {@code topic}. */
    default <T> EventDeclaration topic(String name, String topic, Class<T> dataType, EventFunction<T> function) {
        return event(name, Trigger.topic(topic), dataType, function);
    }

    /** Object changes of these kinds in {@code bucket}. */
    default EventDeclaration storage(String name, String bucket, StorageChange change,
                                     EventFunction<StorageObjectEvent> function) {
        return event(name, Trigger.storage(bucket, change), StorageObjectEvent.class, function);
    }

    /** Runs on a standard 5-field cron schedule, in UTC. */
    default EventDeclaration schedule(String name, String cron, EventFunction<ScheduleTick> function) {
        return event(name, Trigger.schedule(cron), ScheduleTick.class, function);
    }

    /** Records from {@code stream}. */
    default <T> EventDeclaration stream(String name, String stream, Class<T> dataType, EventFunction<T> function) {
        return event(name, Trigger.stream(stream), dataType, function);
    }

    /** Changes to the table or collection {@code source}. */
    default EventDeclaration change(String name, String source, EventFunction<ChangeRecord> function) {
        return event(name, Trigger.change(source), ChangeRecord.class, function);
    }
}
