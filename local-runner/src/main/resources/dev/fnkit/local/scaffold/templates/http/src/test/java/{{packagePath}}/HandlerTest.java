package {{package}};

import dev.fnkit.local.junit.EveryProvider;
import dev.fnkit.local.junit.FnkitClient;
import dev.fnkit.local.junit.FnkitTest;

import java.util.Map;

@FnkitTest
class HandlerTest {
    @EveryProvider
    void greetsByQuery(FnkitClient fnkit) {
        fnkit.get("/{{name}}?name=Ada").assertStatus(200).assertHeader("content-type", "application/json")
                .assertJson("message", "Hello, Ada!");
        fnkit.get("/{{name}}").assertJson("message", "Hello, world!");
    }

    @EveryProvider
    void greetsByJsonBody(FnkitClient fnkit) {
        fnkit.post("/{{name}}", Map.of("name", "Grace")).assertStatus(200).assertJson("message", "Hello, Grace!");
    }

    @EveryProvider
    void explainsAMissingName(FnkitClient fnkit) {
        fnkit.post("/{{name}}", "{}").assertProblem(400, "name-missing");
    }
}
