package dev.fnkit.local.junit;

import dev.fnkit.api.Body;
import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.FunctionException;
import dev.fnkit.api.Functions;
import dev.fnkit.api.Headers;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Provider;
import dev.fnkit.api.QueueMessage;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FnkitTest(apps = FnkitExtensionTest.App.class)
class FnkitExtensionTest {
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    /** The application under test. */
    public static final class App implements FunctionApp {
        @Override
        public void register(Functions functions) {
            functions.http("item", (request, context) -> {
                if (request.pathParameter("id").orElseThrow().equals("0")) {
                    throw FunctionException.notFound("no-item", "No item 0");
                }
                return HttpResponse.status(201).header("x-id", request.pathParameter("id").orElseThrow())
                        .json(Map.of("id", request.pathParameter("id").orElseThrow(), "tags", List.of("a", "b")));
            }).route("PUT", "/items/{id}");
            functions.typed("double", Integer.class, (n, context) -> n * 2);
            functions.queue("jobs", "jobs-queue", QueueMessage.class, (event, context) -> {
                SEEN.add(event.data().text());
                if (event.data().text().contains("bad")) {
                    throw new IllegalStateException("bad job");
                }
            });
        }
    }

    @Test
    void httpThroughRoutesWithFluentChecks(FnkitClient fnkit) {
        ResponseAssert response = fnkit.request("PUT", "/items/7", Headers.EMPTY, Body.EMPTY)
                .assertStatus(201).assertHeader("x-id", "7").assertHeader("content-type", "application/json")
                .assertJson("id", "7").assertJson("tags.1", "b");
        assertThat(response.json(Map.class)).containsEntry("id", "7");
        fnkit.request("PUT", "/items/0", Headers.EMPTY, Body.EMPTY).assertProblem(404, "no-item");
        fnkit.get("/items/7").assertProblem(405, "method-not-allowed");
        assertThat(fnkit.provider()).isEqualTo(Provider.LOCAL);
    }

    @Test
    void failedChecksShowTheResponse(FnkitClient fnkit) {
        assertThatThrownBy(() -> fnkit.get("/nowhere").assertStatus(200))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("Expected status 200 but was 404")
                .hasMessageContaining("No function serves GET /nowhere");
        assertThatThrownBy(() -> fnkit.request("PUT", "/items/3", Headers.EMPTY, Body.EMPTY).assertJson("id", "4"))
                .hasMessageContaining("id = \"4\"").hasMessageContaining("\"3\"");
    }

    @Test
    void typedEventsAndBatches(FnkitClient fnkit) throws Exception {
        assertThat(fnkit.typed("double", 21, Integer.class)).isEqualTo(42);
        SEEN.clear();
        fnkit.event("jobs", Body.of("one"));
        assertThatThrownBy(() -> fnkit.event("jobs", Body.of("bad"))).hasMessage("bad job");
        assertThat(fnkit.batch("jobs", List.of(Body.of("a"), Body.of("bad"), Body.of("c"))).failedItemIds())
                .containsExactly("item-1");
        assertThat(SEEN).containsExactly("one", "bad", "a", "bad", "c");
    }

    @Test
    void wrongKindsAreExplained(FnkitClient fnkit) {
        assertThatThrownBy(() -> fnkit.typed("jobs", 1, Integer.class)).hasMessageContaining("is EVENT, not TYPED");
        assertThatThrownBy(() -> fnkit.event("double", 1)).hasMessageContaining("takes no events");
        assertThatThrownBy(() -> fnkit.typed("nope", 1, Integer.class)).hasMessageContaining("No function named");
    }
}
