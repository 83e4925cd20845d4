package dev.fnkit.samples.hello;

import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.Functions;

/** Declares the {@code hello} function and its routes. */
public final class HelloApp implements FunctionApp {
    @Override
    public void register(Functions functions) {
        functions.http("hello", new Hello())
                .route("GET", "/hello/{name}")
                .route("GET", "/hello")
                .route("POST", "/hello");
    }
}
