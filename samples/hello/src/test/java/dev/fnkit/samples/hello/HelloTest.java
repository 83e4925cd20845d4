package dev.fnkit.samples.hello;

import dev.fnkit.local.junit.EveryProvider;
import dev.fnkit.local.junit.FnkitClient;
import dev.fnkit.local.junit.FnkitTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

@FnkitTest
class HelloTest {
    @EveryProvider
    void greetsByPath(FnkitClient fnkit) {
        fnkit.get("/hello/Ada").assertStatus(200).assertHeader("content-type", "application/json")
                .assertJson("message", "Hello, Ada!");
    }

    @EveryProvider
    void greetsByQueryAndDefault(FnkitClient fnkit) {
        fnkit.get("/hello?name=Grace%20Hopper").assertJson("message", "Hello, Grace Hopper!");
        fnkit.get("/hello").assertJson("message", "Hello, world!");
    }

    @EveryProvider
    void greetsByJsonBody(FnkitClient fnkit) {
        fnkit.post("/hello", Map.of("name", "Linus")).assertStatus(200).assertJson("message", "Hello, Linus!");
    }

    @EveryProvider
    void explainsBadBodies(FnkitClient fnkit) {
        fnkit.post("/hello", "{}").assertProblem(400, "name-missing");
        fnkit.post("/hello", "{\"name\":").assertProblem(400, "malformed-json");
    }

    @Test
    void otherMethodsAreNotAllowed(FnkitClient fnkit) {
        fnkit.request("DELETE", "/hello", dev.fnkit.api.Headers.EMPTY, dev.fnkit.api.Body.EMPTY)
                .assertProblem(405, "method-not-allowed").assertHeader("allow", "");
    }
}
