package dev.fnkit.core;

import dev.fnkit.api.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouterTest {
    private final Router router;

    RouterTest() {
        FunctionRegistry registry = new FunctionRegistry();
        registry.http("item", (r, c) -> HttpResponse.text("item")).route("GET", "/items/{id}")
                .route("DELETE", "/items/{id}");
        registry.http("special", (r, c) -> HttpResponse.text("special")).route("GET", "/items/special");
        registry.http("files", (r, c) -> HttpResponse.text("files")).route("/files/{+path}");
        registry.typed("greet", String.class, (in, c) -> in);
        router = Router.of(registry.definitions());
    }

    @Test
    void literalBeatsVariable() {
        assertThat(((Router.Match) router.route("GET", "/items/special")).function().name()).isEqualTo("special");
        Router.Match match = (Router.Match) router.route("GET", "/items/42");
        assertThat(match.function().name()).isEqualTo("item");
        assertThat(match.pathParameters()).isEqualTo(Map.of("id", "42"));
    }

    @Test
    void anyMethodRouteAndCatchAll() {
        Router.Match match = (Router.Match) router.route("PATCH", "/files/a/b.txt");
        assertThat(match.function().name()).isEqualTo("files");
        assertThat(match.pathParameters()).isEqualTo(Map.of("path", "a/b.txt"));
    }

    @Test
    void headIsServedByGet() {
        assertThat(router.route("HEAD", "/items/1")).isInstanceOf(Router.Match.class);
    }

    @Test
    void wrongMethodListsAllowedMethods() {
        Router.Result result = router.route("POST", "/items/1");
        assertThat(result).isInstanceOf(Router.MethodNotAllowed.class);
        assertThat(((Router.MethodNotAllowed) result).allowed()).containsExactlyInAnyOrder("GET", "HEAD", "DELETE");
    }

    @Test
    void unknownPathIsNotFound() {
        assertThat(router.route("GET", "/nothing")).isInstanceOf(Router.NotFound.class);
        assertThat(router.route("GET", "/greet")).isInstanceOf(Router.NotFound.class);
    }
}
