package dev.fnkit.api;

/** The declaration of a {@link TypedFunction}. */
public interface TypedDeclaration extends Declaration<TypedDeclaration> {
}
