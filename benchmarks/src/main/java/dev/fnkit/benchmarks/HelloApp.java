package dev.fnkit.benchmarks;

import dev.fnkit.api.EventFunction;
import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.Functions;
import dev.fnkit.core.Application;
import dev.fnkit.samples.hello.Hello;

/**
 * fnkit's side of every benchmark: {@code samples/hello}'s {@link Hello} as {@code hello}, and the same greeting
 * for events, {@code greet} for an SQS queue and {@code greet-topic} for a Pub/Sub topic, each taking a
 * {@code {"name": ...}} message.
 */
public final class HelloApp implements FunctionApp {
    /** A queued or published message. */
    public record Person(String name) {
    }

    /** The last greeting an event function made, so the work cannot be optimised away. */
    public static volatile String lastGreeting;

    @Override
    public void register(Functions functions) {
        new dev.fnkit.samples.hello.HelloApp().register(functions);
        EventFunction<Person> greet = (event, context) -> lastGreeting = "Hello, " + event.data().name() + "!";
        functions.queue("greet", "hello-queue", Person.class, greet);
        functions.topic("greet-topic", "hello-topic", Person.class, greet);
    }

    /** The application, built by hand as a custom entry point would. */
    public static Application application() {
        return Application.of(new HelloApp());
    }
}
