package dev.fnkit.local.packaging;

import dev.fnkit.core.Packager;
import dev.fnkit.core.PackagingContext;

import java.io.IOException;
import java.nio.file.Files;

/** A packager found through {@code META-INF/services}, writing one file that lists the functions. */
public final class StubPackager implements Packager {
    /** Used by {@link java.util.ServiceLoader}. */
    public StubPackager() {
    }

    @Override
    public String target() {
        return "stub";
    }

    @Override
    public void pack(PackagingContext context) throws IOException {
        Files.writeString(context.outputDirectory().resolve("functions.txt"),
                String.join("\n", context.functions().stream().map(f -> f.name()).toList()));
    }
}
