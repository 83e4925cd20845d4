package {{package}};

import dev.fnkit.api.Context;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpFunction;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;

/** Greets by name: {@code GET /{{name}}?name=Ada}, or {@code POST /{{name}}} with {@code {"name": "Ada"}}. */
public final class Handler implements HttpFunction {
    /** The JSON body of a {@code POST}. */
    public record Person(String name) {
    }

    /** The JSON answer. */
    public record Greeting(String message) {
    }

    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
        String name = "POST".equals(request.method())
                ? request.bodyAs(Person.class).name()
                : request.queryParameter("name").orElse("world");
        if (name == null || name.isBlank()) {
            throw FunctionException.badRequest("name-missing", "Say who to greet: {\"name\": \"Ada\"}");
        }
        context.logger().info("greeting " + name);
        return HttpResponse.json(new Greeting("Hello, " + name + "!"));
    }
}
