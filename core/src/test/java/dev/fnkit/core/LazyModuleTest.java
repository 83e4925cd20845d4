package dev.fnkit.core;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LazyModuleTest {
    record Greeting(String message, List<Integer> counts, Map<String, String> tags) {
    }

    record Dated(String message, LocalDate day) {
    }

    @Test
    void theRealModuleIsBuiltOnlyWhenATypeItHandlesIsMetAndThenOnce() throws Exception {
        AtomicInteger built = new AtomicInteger();
        ObjectMapper mapper = JsonMapper.builder()
                .addModule(new LazyModule("test-time") {
                    @Override
                    boolean handles(Class<?> type) {
                        return type.getName().startsWith("java.time.");
                    }

                    @Override
                    Module create() {
                        built.incrementAndGet();
                        return new JavaTimeModule();
                    }
                })
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();

        String plain = mapper.writeValueAsString(new Greeting("hi", List.of(1), Map.of("a", "b")));
        assertThat(mapper.readValue(plain, Greeting.class).message()).isEqualTo("hi");
        assertThat(built).hasValue(0);

        String dated = mapper.writeValueAsString(new Dated("hi", LocalDate.of(2026, 1, 2)));
        assertThat(dated).isEqualTo("{\"message\":\"hi\",\"day\":\"2026-01-02\"}");
        assertThat(mapper.readValue(dated, Dated.class).day()).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(built).hasValue(1);
    }

    @Test
    void twoLazyModulesAreBothRegistered() {
        assertThat(Json.mapper().getRegisteredModuleIds()).contains("fnkit-java-time", "fnkit-jdk8");
    }
}
