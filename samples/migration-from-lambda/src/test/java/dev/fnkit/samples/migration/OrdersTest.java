package dev.fnkit.samples.migration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.BatchResult;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.local.junit.EveryProvider;
import dev.fnkit.local.junit.FnkitClient;
import dev.fnkit.local.junit.FnkitTest;
import dev.fnkit.samples.migration.orders.Orders;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both versions of the orders application (the unchanged Lambda handlers through the compatibility layer under
 * {@code /orders}, the portable rewrite under {@code /portable/orders}) behave the same, locally and through every
 * provider's native shapes.
 */
@FnkitTest
class OrdersTest {
    private static final List<String[]> VERSIONS = List.of(
            new String[] {"/orders", "order-events"},
            new String[] {"/portable/orders", "portable-order-events"});

    @EveryProvider
    void ordersAreCreatedAndRead(FnkitClient fnkit) {
        for (String[] version : VERSIONS) {
            String id = "o-" + UUID.randomUUID();
            HttpResponse created = fnkit.post(version[0], Map.of("id", id, "item", "tea", "quantity", 2))
                    .assertStatus(201).response();
            assertThat(created.header("location")).hasValue(version[0] + "/" + id);
            assertThat(created.header("content-type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/json"));
            JsonNode read = fnkit.get(version[0] + "/" + id).assertStatus(200).json();
            assertThat(read.get("item").asText()).isEqualTo("tea");
            assertThat(read.get("status").asText()).isEqualTo("NEW");
        }
    }

    @EveryProvider
    void badInputIsAPreciseClientError(FnkitClient fnkit) {
        for (String[] version : VERSIONS) {
            assertThat(fnkit.post(version[0], Map.of("item", "tea", "quantity", 500)).assertStatus(400).text())
                    .contains("quantity must be 1 to 100 but was 500");
            assertThat(fnkit.post(version[0], "{not json").assertStatus(400).text()).isNotBlank();
            fnkit.get(version[0] + "/nope").assertStatus(404);
        }
    }

    @EveryProvider
    void onlyTheBadMessageOfABatchIsRetried(FnkitClient fnkit) throws Exception {
        for (String[] version : VERSIONS) {
            String good = "q-" + UUID.randomUUID();
            BatchResult result = fnkit.batch(version[1], List.of(Map.of("id", good, "item", "jam", "quantity", 1),
                    Map.of("id", "bad", "item", "jam", "quantity", 0)));
            assertThat(result.failedItemIds()).as(version[1]).containsExactly("item-1");
            assertThat(Orders.find(good)).hasValueSatisfying(o -> assertThat(o.status()).isEqualTo("FULFILLED"));
        }
    }
}
