package dev.fnkit.compat.aws;

import dev.fnkit.api.EventDeclaration;

/** The declaration of a wrapped event handler. */
final class CompatEventDeclaration extends CompatDeclaration<EventDeclaration> implements EventDeclaration {
    CompatEventDeclaration(EventDeclaration delegate, Declared declared) {
        super(delegate, declared);
    }

    @Override
    EventDeclaration self() {
        return this;
    }

    @Override
    public EventDeclaration batchSize(int batchSize) {
        delegate.batchSize(batchSize);
        return this;
    }
}
