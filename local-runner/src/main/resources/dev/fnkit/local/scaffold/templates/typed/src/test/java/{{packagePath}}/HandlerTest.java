package {{package}};

import dev.fnkit.local.junit.EveryProvider;
import dev.fnkit.local.junit.FnkitClient;
import dev.fnkit.local.junit.FnkitTest;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@FnkitTest
class HandlerTest {
    @EveryProvider
    void greets(FnkitClient fnkit) throws Exception {
        assertEquals(new Handler.Greeting("Hello, Ada!"),
                fnkit.typed("{{name}}", Map.of("name", "Ada"), Handler.Greeting.class));
    }

    @EveryProvider
    void isServedAsPostWithJson(FnkitClient fnkit) {
        fnkit.post("/{{name}}", Map.of("name", "Grace")).assertStatus(200).assertJson("greeting", "Hello, Grace!");
        fnkit.post("/{{name}}", "{}").assertProblem(400, "name-missing");
    }
}
