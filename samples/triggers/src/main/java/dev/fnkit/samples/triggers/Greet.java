package dev.fnkit.samples.triggers;

import dev.fnkit.api.Context;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.TypedFunction;

/** {@code {"name":"Ada"}} → {@code {"greeting":"Hello, Ada!"}}. */
public final class Greet implements TypedFunction<Greet.Name, Greet.Greeting> {
    /** The input. */
    public record Name(String name) {
    }

    /** The output. */
    public record Greeting(String greeting) {
    }

    @Override
    public Greeting apply(Name input, Context context) {
        if (input.name() == null || input.name().isBlank()) {
            throw FunctionException.badRequest("name-missing", "Say who to greet: {\"name\": \"Ada\"}");
        }
        return new Greeting("Hello, " + input.name() + "!");
    }
}
