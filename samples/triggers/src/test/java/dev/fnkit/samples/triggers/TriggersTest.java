package dev.fnkit.samples.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.BatchResult;
import dev.fnkit.api.Body;
import dev.fnkit.api.Headers;
import dev.fnkit.api.Provider;
import dev.fnkit.local.junit.EveryProvider;
import dev.fnkit.local.junit.FnkitClient;
import dev.fnkit.local.junit.FnkitTest;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FnkitTest
class TriggersTest {
    @BeforeEach
    void clear() {
        Recorder.clear();
    }

    @EveryProvider
    void echoIsFaithfulToHeadersQueryCookiesAndBinaryBodies(FnkitClient fnkit) {
        byte[] binary = {0, 1, (byte) 0xfe, (byte) 0xff, 10};
        JsonNode echo = fnkit.request("PUT", "/echo/a/b%20c?x=1&x=2&y=",
                Headers.builder().add("X-Multi", "one").add("X-Multi", "two").add("Cookie", "a=1; b=2").build(),
                Body.of(binary)).assertStatus(200).json();
        assertThat(echo.get("method").asText()).isEqualTo("PUT");
        assertThat(echo.get("path").asText()).isEqualTo("/echo/a/b%20c");
        assertThat(echo.get("pathParameters").get("path").asText()).isEqualTo("a/b c");
        assertThat(echo.get("query").get("x").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(echo.get("query").get("y").toString()).isEqualTo("[\"\"]");
        List<String> multi = new java.util.ArrayList<>();
        echo.get("headers").get("x-multi").forEach(v -> multi.add(v.asText()));
        if (fnkit.provider() == Provider.AWS_LAMBDA || fnkit.provider() == Provider.AZURE_FUNCTIONS) {
            // HTTP API payload 2.0 and the Azure host comma-join repeated request headers: the values survive,
            // their split does not.
            assertThat(String.join(",", multi)).isEqualTo("one,two");
        } else {
            assertThat(multi).containsExactly("one", "two");
        }
        assertThat(echo.get("cookies").get("b").asText()).isEqualTo("2");
        assertThat(java.util.Base64.getDecoder().decode(echo.get("bodyBase64").asText())).isEqualTo(binary);
        assertThat(echo.get("bodyText").isNull()).isTrue();
        assertThat(echo.get("provider").asText()).isEqualTo(fnkit.provider().name());
    }

    @EveryProvider
    void echoServesItsBareRouteWithText(FnkitClient fnkit) {
        fnkit.post("/echo", "{\"a\":1}").assertJson("bodyText", "{\"a\":1}").assertJson("path", "/echo");
    }

    @EveryProvider
    void greetIsTyped(FnkitClient fnkit) throws Exception {
        assertThat(fnkit.typed("greet", Map.of("name", "Ada"), Greet.Greeting.class))
                .isEqualTo(new Greet.Greeting("Hello, Ada!"));
        fnkit.post("/greet", "{\"name\":\"Bo\"}").assertJson("greeting", "Hello, Bo!");
        fnkit.post("/greet", "{}").assertProblem(400, "name-missing");
    }

    @EveryProvider
    void ordersReportOnlyTheFailedItem(FnkitClient fnkit) throws Exception {
        BatchResult result = fnkit.batch("orders", List.of(Map.of("id", "o1", "item", "tea"),
                Map.of("id", "o2", "item", "cake", "fail", true), Map.of("id", "o3", "item", "jam")));
        assertThat(result.failedItemIds()).containsExactly("item-1");
        assertThat(Recorder.received("orders")).extracting(e -> ((Order) e.get("data")).id())
                .containsExactly("o1", "o3");
        assertThatThrownBy(() -> fnkit.event("orders", Map.of("id", "o4", "fail", true)))
                .hasMessageContaining(fnkit.provider() == Provider.LOCAL ? "o4" : "failed");
    }

    @EveryProvider
    void everyEventKindIsRecorded(FnkitClient fnkit) throws Exception {
        fnkit.event("uploads", Map.of("bucket", "uploads", "key", "cat photo.png", "change", "CREATED", "size", 9));
        fnkit.event("nightly", "");
        fnkit.event("audit", Map.of("actor", "ada", "action", "login"));
        fnkit.event("clicks", Body.of("{\"page\":\"/home\"}"));
        fnkit.event("inventory", Map.of("type", "INSERT", "keys", Map.of("sku", "A1"),
                "newImage", Map.of("sku", "A1", "qty", 3)));
        assertThat(Recorder.received(null)).extracting(e -> e.get("function"))
                .containsExactly("uploads", "nightly", "audit", "clicks", "inventory");
        JsonNode served = fnkit.get("/received/uploads").assertStatus(200).json();
        assertThat(served.get(0).get("data").get("key").asText()).isEqualTo("cat photo.png");
        assertThat(served.get(0).get("subject").asText()).endsWith("cat photo.png");
        JsonNode audit = fnkit.get("/received/audit").json().get(0).get("data");
        assertThat(Body.of(java.util.Base64.getDecoder().decode(audit.get("body").asText())).text())
                .contains("\"actor\":\"ada\"");
        fnkit.request("DELETE", "/received", Headers.EMPTY, Body.EMPTY).assertStatus(204);
        assertThat(Recorder.received(null)).isEmpty();
    }
}
