package dev.fnkit.compat.aws;

import dev.fnkit.api.TypedDeclaration;

/** The declaration of a wrapped {@code RequestStreamHandler}. */
final class CompatTypedDeclaration extends CompatDeclaration<TypedDeclaration> implements TypedDeclaration {
    CompatTypedDeclaration(TypedDeclaration delegate, Declared declared) {
        super(delegate, declared);
    }

    @Override
    TypedDeclaration self() {
        return this;
    }
}
