package dev.fnkit.compat.aws;

import dev.fnkit.api.Declaration;
import dev.fnkit.api.RetryPolicy;

import java.time.Duration;

/** A declaration that passes every option on to fnkit's and notes what the synthesised AWS shapes need. */
abstract class CompatDeclaration<D extends Declaration<D>> implements Declaration<D> {
    final D delegate;
    final Declared declared;

    CompatDeclaration(D delegate, Declared declared) {
        this.delegate = delegate;
        this.declared = declared;
    }

    abstract D self();

    @Override
    public D timeout(Duration timeout) {
        delegate.timeout(timeout);
        return self();
    }

    @Override
    public D memoryMb(int memoryMb) {
        delegate.memoryMb(memoryMb);
        declared.memoryMb(memoryMb);
        return self();
    }

    @Override
    public D minInstances(int minInstances) {
        delegate.minInstances(minInstances);
        return self();
    }

    @Override
    public D maxInstances(int maxInstances) {
        delegate.maxInstances(maxInstances);
        return self();
    }

    @Override
    public D concurrency(int concurrency) {
        delegate.concurrency(concurrency);
        return self();
    }

    @Override
    public D env(String name, String value) {
        delegate.env(name, value);
        return self();
    }

    @Override
    public D retry(RetryPolicy retry) {
        delegate.retry(retry);
        return self();
    }
}
