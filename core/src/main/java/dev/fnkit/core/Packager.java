package dev.fnkit.core;

import java.io.IOException;

/**
 * Packages an application for one target (AWS, Azure, GCP, self-hosted, ...). Each adapter provides one, listed in
 * {@code META-INF/services/dev.fnkit.core.Packager}; the fnkit Maven plugin runs every packager on its class path.
 */
public interface Packager {
    /** The target's short name, also the output folder under {@code target/fnkit/}: {@code aws}, {@code gcp}, ... */
    String target();

    /** Writes the target's artifacts into {@link PackagingContext#outputDirectory()}. */
    void pack(PackagingContext context) throws IOException;
}
