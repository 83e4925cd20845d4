package dev.fnkit.benchmarks.gcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.fnkit.samples.hello.Hello;

import java.io.InputStream;

/**
 * The bare Functions Framework function: {@code POST /hello} of {@code {"name": ...}} answered with the greeting,
 * with Jackson; also the bare function of the cold-start runs.
 */
public final class BareHttpFunction implements HttpFunction {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
        Hello.Person person;
        try (InputStream in = request.getInputStream()) {
            person = MAPPER.readValue(in, Hello.Person.class);
        }
        response.setContentType("application/json");
        MAPPER.writeValue(response.getOutputStream(), new Hello.Greeting("Hello, " + person.name() + "!"));
    }
}
