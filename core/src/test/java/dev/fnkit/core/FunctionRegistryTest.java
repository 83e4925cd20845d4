package dev.fnkit.core;

import dev.fnkit.api.Body;
import dev.fnkit.api.FunctionOptions;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.QueueMessage;
import dev.fnkit.api.RetryPolicy;
import dev.fnkit.api.ScheduleTick;
import dev.fnkit.api.StorageChange;
import dev.fnkit.api.StorageObjectEvent;
import dev.fnkit.api.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionRegistryTest {
    private final FunctionRegistry registry = new FunctionRegistry();

    @Test
    void collectsEveryKindWithOptions() {
        registry.http("web", (r, c) -> HttpResponse.text("x")).route("GET", "/a/{id}").timeout(Duration.ofSeconds(5))
                .memoryMb(1024).minInstances(1).maxInstances(3).concurrency(80).env("A", "1")
                .retry(RetryPolicy.fixed(2, Duration.ofSeconds(1)));
        registry.typed("greet", String.class, (in, c) -> in);
        registry.queue("orders", "q", QueueMessage.class, (e, c) -> { }).batchSize(10);
        registry.storage("up", "bucket", StorageChange.DELETED, (e, c) -> { });
        var defs = registry.definitions();
        assertThat(defs).extracting(FunctionDefinition::name).containsExactly("web", "greet", "orders", "up");
        FunctionDefinition web = defs.get(0);
        assertThat(web.kind()).isEqualTo(FunctionKind.HTTP);
        assertThat(web.options()).isEqualTo(new FunctionOptions(Duration.ofSeconds(5), 1024, 1, 3, 80,
                Map.of("A", "1"), RetryPolicy.fixed(2, Duration.ofSeconds(1))));
        assertThat(web.describeTrigger()).isEqualTo("http GET /a/{id}");
        assertThat(defs.get(1).trigger()).isInstanceOf(Trigger.Invoke.class);
        assertThat(defs.get(1).dataType()).isEqualTo(String.class);
        assertThat(defs.get(2).trigger()).isEqualTo(new Trigger.Queue("q", 10));
        assertThat(defs.get(3).dataType()).isEqualTo(StorageObjectEvent.class);
        assertThat(defs.get(3).consumesEvents()).isTrue();
    }

    @Test
    void httpFunctionWithoutRoutesServesItsName() {
        registry.http("plain", (r, c) -> HttpResponse.text("x"));
        assertThat(registry.definitions().get(0).describeTrigger()).isEqualTo("http * /plain");
    }

    @Test
    void duplicateNamesFail() {
        registry.typed("same", String.class, (in, c) -> in);
        assertThatThrownBy(() -> registry.typed("same", String.class, (in, c) -> in))
                .isInstanceOf(DeclarationException.class)
                .hasMessage("Function 'same': declared twice: function names must be unique");
    }

    @Test
    void invalidNamesFail() {
        for (String bad : new String[] {"Upper", "1abc", "with_underscore", "trailing-", "", "a".repeat(64)}) {
            assertThatThrownBy(() -> registry.typed(bad, String.class, (in, c) -> in)).as(bad)
                    .isInstanceOf(DeclarationException.class).hasMessageContaining("invalid name");
        }
    }

    @Test
    void badRouteTemplatesNameTheFunction() {
        assertThatThrownBy(() -> registry.http("web", (r, c) -> null).route("GET", "/a/{+rest}/b"))
                .isInstanceOf(DeclarationException.class)
                .hasMessageStartingWith("Function 'web': ")
                .hasMessageContaining("catch-all");
        assertThatThrownBy(() -> registry.http("web2", (r, c) -> null).route("GE T", "/a"))
                .hasMessageContaining("invalid HTTP method");
    }

    @Test
    void clashingRoutesFailNamingBothFunctions() {
        registry.http("one", (r, c) -> null).route("GET", "/items/{id}");
        registry.http("two", (r, c) -> null).route("*", "/items/{key}");
        assertThatThrownBy(registry::definitions).isInstanceOf(DeclarationException.class)
                .hasMessageContaining("'two'").hasMessageContaining("'one'");
    }

    @Test
    void badCronNamesTheFunction() {
        assertThatThrownBy(() -> registry.schedule("nightly", "0 2 * *", (e, c) -> { }))
                .isInstanceOf(DeclarationException.class).hasMessageStartingWith("Function 'nightly': ");
        assertThatThrownBy(() -> registry.schedule("later", "99 * * * *", (e, c) -> { }))
                .isInstanceOf(DeclarationException.class).hasMessageStartingWith("Function 'later': ");
    }

    @Test
    void dataTypeMustFitTheTrigger() {
        assertThatThrownBy(() -> registry.event("s", Trigger.schedule("0 * * * *"), String.class, (e, c) -> { }))
                .isInstanceOf(DeclarationException.class).hasMessageContaining("must be ScheduleTick");
        assertThatThrownBy(() -> registry.event("q", Trigger.queue("q"), ScheduleTick.class, (e, c) -> { }))
                .hasMessageContaining("must be QueueMessage, Body, String, byte[] or a JSON-mapped class");
        registry.event("q2", Trigger.queue("q"), Body.class, (e, c) -> { });
        registry.event("q3", Trigger.queue("q"), Map.class, (e, c) -> { });
        assertThat(registry.definitions()).hasSize(2);
    }

    @Test
    void eventFunctionsNeedEventTriggers() {
        assertThatThrownBy(() -> registry.event("e", Trigger.invoke(), String.class, (e, c) -> { }))
                .hasMessageContaining("needs an event trigger");
    }

    @Test
    void batchSizeOnlyWhereItApplies() {
        assertThatThrownBy(() -> registry.topic("t", "topic", String.class, (e, c) -> { }).batchSize(5))
                .hasMessageContaining("batchSize applies to queue, stream and change");
        assertThatThrownBy(() -> registry.queue("q", "queue", String.class, (e, c) -> { }).batchSize(0))
                .hasMessageContaining("Function 'q': batch size");
    }

    @Test
    void invalidOptionsNameTheFunction() {
        registry.typed("small", String.class, (in, c) -> in).memoryMb(16);
        assertThatThrownBy(registry::definitions).hasMessageStartingWith("Function 'small': memoryMb");
    }

    @Test
    void nullFunctionFails() {
        assertThatThrownBy(() -> registry.http("x", null)).hasMessageContaining("null");
    }
}
