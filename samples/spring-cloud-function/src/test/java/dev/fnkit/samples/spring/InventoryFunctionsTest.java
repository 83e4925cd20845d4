package dev.fnkit.samples.spring;

import dev.fnkit.api.BatchResult;
import dev.fnkit.core.Json;
import dev.fnkit.samples.spring.InventoryApplication.Order;
import dev.fnkit.samples.spring.InventoryApplication.Quote;
import dev.fnkit.local.junit.EveryProvider;
import dev.fnkit.local.junit.FnkitClient;
import dev.fnkit.local.junit.FnkitTest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Spring beans, served by the local runner and through each provider adapter's native shapes. */
@FnkitTest(apps = InventoryFunctions.class)
class InventoryFunctionsTest {
    @EveryProvider
    void quotesAsATypedFunctionWithTheInjectedStock(FnkitClient fnkit) throws Exception {
        assertThat(fnkit.typed("quote", new Order("o-1", "tea", 4), Quote.class))
                .isEqualTo(new Quote("o-1", "tea", 1000));
    }

    @EveryProvider
    void quotesOverHttpAndHidesFailures(FnkitClient fnkit) {
        fnkit.post("/quote", Map.of("id", "o-2", "item", "jam", "quantity", 2)).assertStatus(200)
                .assertJson("totalCents", 500).assertJson("item", "jam");
        fnkit.post("/quote", "{\"id\":").assertProblem(400, "malformed-json");
        var failed = fnkit.post("/quote", Map.of("id", "o-3", "item", "jam", "quantity", 0)).assertStatus(500);
        assertThat(failed.response().bodyText()).doesNotContain("IllegalArgumentException");
    }

    @EveryProvider
    void aStringFunctionTakesAndAnswersText(FnkitClient fnkit) {
        fnkit.post("/normalize", "  Green TEA ").assertStatus(200).assertHeader("content-type", "text/plain")
                .assertBody("green tea");
    }

    @EveryProvider
    void reservesFromAQueueRetryingOnlyTheOversizedOrder(FnkitClient fnkit) throws Exception {
        int before = reserved(fnkit);
        BatchResult result = fnkit.batch("reservations", List.of(new Order("r-1", "tea", 3),
                new Order("r-2", "tea", Stock.MAX_RESERVATION + 1), new Order("r-3", "jam", 2)));
        assertThat(result.failedItemIds()).containsExactly("item-1");
        assertThat(reserved(fnkit)).isEqualTo(before + 5);
    }

    private static int reserved(FnkitClient fnkit) {
        String status = fnkit.get("/stock").assertStatus(200).assertJson("unitCents", 250).text();
        return Json.tree(status.getBytes(StandardCharsets.UTF_8)).get("reserved").asInt();
    }
}
