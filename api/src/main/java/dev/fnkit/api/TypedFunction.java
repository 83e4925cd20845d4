package dev.fnkit.api;

/**
 * A function from one JSON value to another: the input is decoded into {@code I}, the result is encoded as JSON.
 * Served as {@code POST /{name}} over HTTP and as a direct invocation on providers that have one.
 *
 * @param <I> the input type, decoded from JSON
 * @param <O> the output type, encoded to JSON ({@code null} gives an empty body)
 */
@FunctionalInterface
public interface TypedFunction<I, O> {
    O apply(I input, Context context) throws Exception;
}
