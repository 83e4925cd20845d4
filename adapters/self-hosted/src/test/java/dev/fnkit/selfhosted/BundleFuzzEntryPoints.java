package dev.fnkit.selfhosted;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/** The bundle reader's entry points, for the fuzz tests in {@code dev.fnkit.selfhosted.fuzz}. */
public final class BundleFuzzEntryPoints {
    private BundleFuzzEntryPoints() {
    }

    /** A bundle refused: its status and message. */
    public record Refusal(int status, String message) {
    }

    /**
     * Unpacks a bundle into {@code target} with these limits; null when it was accepted, else the refusal.
     *
     * @throws IOException only for a failure of the local disk, never for the bundle's content
     */
    public static Refusal unpack(byte[] bundle, Path target, long maxUnpackedBytes) throws IOException {
        try {
            new BundleReader(Long.MAX_VALUE, maxUnpackedBytes).unpack(new ByteArrayInputStream(bundle), target);
            return null;
        } catch (BundleException e) {
            return new Refusal(e.status(), e.getMessage());
        }
    }

    /** Reads a manifest; null when it is valid, else the refusal. */
    public static Refusal manifest(byte[] json) {
        try {
            BundleManifest.parse(json);
            return null;
        } catch (BundleException e) {
            return new Refusal(e.status(), e.getMessage());
        }
    }
}
