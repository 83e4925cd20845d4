package {{package}};

import dev.fnkit.api.Context;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.TypedFunction;

/** JSON in, JSON out: {@code {"name": "Ada"}} becomes {@code {"greeting": "Hello, Ada!"}}. */
public final class Handler implements TypedFunction<Handler.Name, Handler.Greeting> {
    /** The input. */
    public record Name(String name) {
    }

    /** The output. */
    public record Greeting(String greeting) {
    }

    @Override
    public Greeting apply(Name input, Context context) {
        if (input == null || input.name() == null || input.name().isBlank()) {
            throw FunctionException.badRequest("name-missing", "Say who to greet: {\"name\": \"Ada\"}");
        }
        return new Greeting("Hello, " + input.name() + "!");
    }
}
