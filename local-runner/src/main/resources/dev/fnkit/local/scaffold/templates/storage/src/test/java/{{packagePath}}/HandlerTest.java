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
    void handlesANewObject(FnkitClient fnkit) throws Exception {
        fnkit.event("{{name}}", Map.of("bucket", "{{name}}-uploads", "key", "photos/cat.png", "change", "CREATED",
                "size", 2048));
    }

    @Test
    void refusesAnObjectThatIsTooLargeForGood(FnkitClient fnkit) {
        FunctionException refused = assertThrows(FunctionException.class, () -> fnkit.event("{{name}}",
                Map.of("bucket", "{{name}}-uploads", "key", "movie.mp4", "change", "CREATED",
                        "size", Handler.MAX_BYTES + 1)));
        assertEquals("too-large", refused.code());
        assertFalse(refused.retryable());
    }
}
