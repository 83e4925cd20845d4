package dev.fnkit.benchmarks.scf.gcp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The benchmarks' hello written as a Spring Cloud Function user would for Cloud Functions: {@code hello} greets the
 * {@code name} of a JSON body (a {@code POST}: the GCP adapter fails a {@code GET} on a function with an input with a
 * ClassCastException), {@code greet} a Pub/Sub message's JSON data. {@code spring.cloud.function.definition} picks
 * the bean.
 */
@SpringBootApplication
public class HelloConfiguration {
    /** The JSON body of a request and of a message's data. */
    public record Person(String name) {
    }

    /** The JSON answer. */
    public record Greeting(String message) {
    }

    /** A Pub/Sub message as the background function receives it. */
    public record PubSubMessage(String data, Map<String, String> attributes, String messageId, String publishTime) {
    }

    /** The last greeting {@code greet} made, so the work cannot be optimised away. */
    static volatile String lastGreeting;

    /** {@code POST /hello} with {@code {"name": ...}}. */
    @Bean
    public Function<Person, Greeting> hello() {
        return person -> new Greeting("Hello, " + person.name() + "!");
    }

    /** A Pub/Sub message whose data is {@code {"name": ...}}. */
    @Bean
    public Consumer<PubSubMessage> greet(com.google.gson.Gson gson) {
        return message -> {
            String data = new String(Base64.getDecoder().decode(message.data()), StandardCharsets.UTF_8);
            lastGreeting = "Hello, " + gson.fromJson(data, Person.class).name() + "!";
        };
    }
}
