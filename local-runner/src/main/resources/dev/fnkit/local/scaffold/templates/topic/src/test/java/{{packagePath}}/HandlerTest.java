package {{package}};

import dev.fnkit.api.FunctionException;
import dev.fnkit.local.junit.EveryProvider;
import dev.fnkit.local.junit.FnkitClient;
import dev.fnkit.local.junit.FnkitTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

@FnkitTest
class HandlerTest {
    @EveryProvider
    void receivesAMessage(FnkitClient fnkit) throws Exception {
        fnkit.event("{{name}}", Map.of("text", "deploy finished"));
    }

    @Test
    void refusesAMessageWithoutTextForGood(FnkitClient fnkit) {
        FunctionException refused = assertThrows(FunctionException.class,
                () -> fnkit.event("{{name}}", Map.of("text", "")));
        assertEquals("text-missing", refused.code());
        assertFalse(refused.retryable());
    }
}
