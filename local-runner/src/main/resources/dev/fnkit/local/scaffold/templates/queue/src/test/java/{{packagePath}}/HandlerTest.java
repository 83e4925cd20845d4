package {{package}};

import dev.fnkit.api.BatchResult;
import dev.fnkit.api.FunctionException;
import dev.fnkit.local.junit.EveryProvider;
import dev.fnkit.local.junit.FnkitClient;
import dev.fnkit.local.junit.FnkitTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

@FnkitTest
class HandlerTest {
    @EveryProvider
    void takesAnOrder(FnkitClient fnkit) throws Exception {
        fnkit.event("{{name}}", Map.of("id", "o-1", "quantity", 2));
    }

    @EveryProvider
    void reportsOnlyTheFailedItemOfABatch(FnkitClient fnkit) throws Exception {
        BatchResult result = fnkit.batch("{{name}}", List.of(Map.of("id", "o-1", "quantity", 2),
                Map.of("id", "o-2", "quantity", Handler.CAPACITY + 1), Map.of("id", "o-3", "quantity", 1)));
        assertEquals(List.of("item-1"), result.failedItemIds());
    }

    @Test
    void refusesAnEmptyOrderForGood(FnkitClient fnkit) {
        FunctionException refused = assertThrows(FunctionException.class,
                () -> fnkit.event("{{name}}", Map.of("id", "o-4", "quantity", 0)));
        assertEquals("empty-order", refused.code());
        assertFalse(refused.retryable());
    }
}
