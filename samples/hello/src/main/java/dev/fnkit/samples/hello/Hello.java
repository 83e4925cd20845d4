package dev.fnkit.samples.hello;

import dev.fnkit.api.Context;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpFunction;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;

/** Greets by name: from the path, the {@code name} query parameter, or a JSON body {@code {"name": ...}}. */
public final class Hello implements HttpFunction {
    /** The JSON body of {@code POST /hello}. */
    public record Person(String name) {
    }

    /** The JSON answer. */
    public record Greeting(String message) {
    }

    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
        String name = "POST".equals(request.method())
                ? request.bodyAs(Person.class).name()
                : request.pathParameter("name").or(() -> request.queryParameter("name")).orElse("world");
        if (name == null || name.isBlank()) {
            throw FunctionException.badRequest("name-missing", "Say who to greet: {\"name\": \"Ada\"}");
        }
        return HttpResponse.json(new Greeting("Hello, " + name + "!"));
    }
}
