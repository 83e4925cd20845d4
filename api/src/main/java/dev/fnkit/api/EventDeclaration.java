package dev.fnkit.api;

/** The declaration of an event or batch function. */
public interface EventDeclaration extends Declaration<EventDeclaration> {
    /** The most events per invocation, for queue, stream and change triggers. */
    EventDeclaration batchSize(int batchSize);
}
