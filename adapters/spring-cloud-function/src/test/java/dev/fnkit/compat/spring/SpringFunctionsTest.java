package dev.fnkit.compat.spring;

import dev.fnkit.api.Body;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.core.Application;
import dev.fnkit.compat.spring.demo.DemoApplication;
import dev.fnkit.compat.spring.demo.DemoApplication.Order;
import dev.fnkit.compat.spring.demo.DemoApplication.Quote;
import dev.fnkit.compat.spring.demo.DemoApplication.Upload;
import dev.fnkit.compat.spring.demo.DemoFunctions;
import dev.fnkit.local.junit.EveryProvider;
import dev.fnkit.local.junit.FnkitClient;
import dev.fnkit.local.junit.FnkitTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

@FnkitTest(apps = DemoFunctions.class)
class SpringFunctionsTest {
    @EveryProvider
    void callsAStringFunctionAsATypedFunction(FnkitClient fnkit) throws Exception {
        assertEquals("HELLO", fnkit.typed("uppercase", "\"hello\"", String.class));
    }

    @EveryProvider
    void callsAPojoFunctionWithAnInjectedCollaborator(FnkitClient fnkit) throws Exception {
        assertEquals(new Quote("o-1", 750), fnkit.typed("quote", new Order("o-1", 3), Quote.class));
    }

    @EveryProvider
    void decodesGenericInputTypes(FnkitClient fnkit) throws Exception {
        assertEquals(7, fnkit.typed("total-quantity", List.of(new Order("a", 3), new Order("b", 4)), Integer.class));
        fnkit.post("/total-quantity", Map.of("not", "a list")).assertProblem(400, "malformed-json");
    }

    @EveryProvider
    void composesFunctionsByDefinition(FnkitClient fnkit) throws Exception {
        assertEquals("HEY!", fnkit.typed("shout", "\"hey\"", String.class));
    }

    @EveryProvider
    void callsASupplierWithTheDeclaredProperty(FnkitClient fnkit) throws Exception {
        assertEquals("Hi from Spring", fnkit.typed("greeting", null, String.class));
        fnkit.get("/greeting").assertStatus(200).assertBody("Hi from Spring");
    }

    @EveryProvider
    void servesAStringFunctionOverHttpAsText(FnkitClient fnkit) {
        fnkit.http(HttpRequest.builder("POST", "/uppercase").header("Content-Type", "text/plain").body("ada").build())
                .assertStatus(200).assertBody("ADA").assertHeader("Content-Type", "text/plain; charset=utf-8");
    }

    @EveryProvider
    void servesAPojoFunctionOverHttpAsJson(FnkitClient fnkit) {
        fnkit.post("/quote", Map.of("id", "o-2", "quantity", 2)).assertStatus(200)
                .assertJson("orderId", "o-2").assertJson("totalCents", 500);
    }

    @EveryProvider
    void passesAMessageWithTheRequestHeaders(FnkitClient fnkit) {
        fnkit.http(HttpRequest.builder("POST", "/audit").header("Content-Type", "application/json")
                        .header("X-Tenant", "acme").body("{\"id\":\"o-9\",\"quantity\":4}").build())
                .assertStatus(200).assertBody("acme ordered 4 (application/json)");
    }

    @EveryProvider
    void reportsMalformedJsonAndFunctionFailuresAsProblems(FnkitClient fnkit) {
        fnkit.post("/quote", "{\"id\": ").assertProblem(400, "malformed-json");
        fnkit.post("/quote", Map.of("id", "o-3", "quantity", 0)).assertStatus(500)
                .assertHeader("Content-Type", "application/problem+json");
    }

    @EveryProvider
    void acceptsAConsumerOverHttpAndFromAQueue(FnkitClient fnkit) throws Exception {
        DemoApplication.RECORDED.clear();
        fnkit.post("/orders", Map.of("id", "o-4", "quantity", 1)).assertStatus(202);
        fnkit.event("record-order", Map.of("id", "o-5", "quantity", 5));
        assertThat(DemoApplication.RECORDED).containsExactly(new Order("o-4", 1), new Order("o-5", 5));
    }

    @EveryProvider
    void convertsPortableStorageEventsToTheConsumersOwnType(FnkitClient fnkit) throws Exception {
        DemoApplication.UPLOADS.clear();
        fnkit.event("uploaded", Map.of("bucket", "uploads", "key", "cats/tom.png", "change", "CREATED",
                "size", 42));
        assertThat(DemoApplication.UPLOADS).containsExactly(new Upload("uploads", "cats/tom.png", 42));
    }

    @EveryProvider
    void passesTopicMessagesAsMessagesWithTheirEventType(FnkitClient fnkit) throws Exception {
        DemoApplication.NOTICES.clear();
        fnkit.event("inbox", Body.of("server restarted"));
        assertThat(DemoApplication.NOTICES).singleElement().asString().endsWith(" server restarted")
                .doesNotStartWith("null");
    }

    @EveryProvider
    void retriesOnlyTheQueueMessagesTheConsumerFailedOn(FnkitClient fnkit) throws Exception {
        DemoApplication.RECORDED.clear();
        var result = fnkit.batch("record-order", List.of(Map.of("id", "o-6", "quantity", 1),
                Map.of("id", "o-7", "quantity", 500)));
        assertThat(DemoApplication.RECORDED).containsExactly(new Order("o-6", 1));
        assertEquals(List.of("item-1"), result.failedItemIds());
    }

    @Test
    void namesTheDefinitionTheCatalogLacks() {
        try (SpringFunctions spring = SpringFunctions.from(DemoApplication.class)) {
            assertThat(spring.catalog()).contains("uppercase", "quote", "record", "greeting");
            Application.of(functions -> spring.typed(functions, "missing"));
            assertThatThrownBy(spring::start)
                    .hasMessageContaining("has no function missing")
                    .hasMessageContaining("uppercase");
        }
    }
}
