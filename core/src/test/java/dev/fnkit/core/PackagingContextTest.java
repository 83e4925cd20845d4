package dev.fnkit.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackagingContextTest {
    @TempDir
    Path temp;

    private final Consumer<String> log = line -> { };

    private PackagingContext context(List<Path> runtimeJars) {
        return new PackagingContext("shop", "1.0", List.of(), List.of(), temp.resolve("shop.jar"), List.of(),
                runtimeJars, temp.resolve("out"), Map.of(), log);
    }

    @Test
    void theConstructorWithoutRuntimeJarsGivesNone() {
        PackagingContext context = new PackagingContext("shop", "1.0", List.of(), List.of(), temp.resolve("shop.jar"),
                List.of(), temp.resolve("out"), Map.of(), log);

        assertThat(context.runtimeJars()).isEmpty();
        assertThat(context).isEqualTo(context(List.of()));
    }

    @Test
    void runtimeJarsAreRequiredBySayingToRunThroughThePlugin() {
        assertThatThrownBy(() -> context(List.of()).requireRuntimeJars())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fnkit Maven plugin")
                .hasMessageContaining("PackagingContext.runtimeJars");
    }

    @Test
    void requiredRuntimeJarsAreFiles() throws IOException {
        Path adapter = Files.writeString(temp.resolve("fnkit-x-1.0.jar"), "jar");
        Path classes = Files.createDirectories(temp.resolve("x/target/classes"));

        assertThat(context(List.of(adapter)).requireRuntimeJars()).containsExactly(adapter);
        assertThatThrownBy(() -> context(List.of(adapter, classes)).requireRuntimeJars())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(classes + " is not a file")
                .hasMessageContaining("mvn package");
    }
}
