package {{package}};

import dev.fnkit.api.Trigger;
import dev.fnkit.local.junit.EveryProvider;
import dev.fnkit.local.junit.FnkitClient;
import dev.fnkit.local.junit.FnkitTest;

import static org.junit.jupiter.api.Assertions.assertEquals;

@FnkitTest
class HandlerTest {
    @EveryProvider
    void runsOnATick(FnkitClient fnkit) throws Exception {
        fnkit.event("{{name}}", "");
    }

    @EveryProvider
    void isDeclaredNightly(FnkitClient fnkit) {
        assertEquals(Trigger.schedule("0 2 * * *"),
                fnkit.application().function("{{name}}").orElseThrow().trigger());
    }
}
