package dev.fnkit.selfhosted.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fnkit.selfhosted.BundleFuzzEntryPoints;
import dev.fnkit.selfhosted.BundleFuzzEntryPoints.Refusal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-hosted gateway's bundle reader with fuzzed bundles. A bundle is either accepted or refused with a 400 or
 * 413 naming the problem; no other exception, and nothing is ever written outside the bundle's directory or as a
 * symbolic link, whatever the entries' names (zip-slip) or sizes (zip bombs: the unpacked limit here is 1 MiB).
 */
class BundleFuzzTest {
    private static final long MAX_UNPACKED = 1024 * 1024;

    /** Any bytes as the uploaded zip. */
    @FuzzTest(maxDuration = "30s")
    void bundle(byte[] zip) throws IOException {
        unpack(zip);
    }

    /**
     * A well-formed zip whose entries are fuzzed: one entry per input line, {@code name<TAB>content} (a name ending
     * in '/' is a directory), so that names and the manifest's JSON get past the zip format.
     */
    @FuzzTest(maxDuration = "30s")
    void entries(byte[] input) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        Set<String> names = new HashSet<>();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (String line : new String(input, StandardCharsets.UTF_8).split("\n")) {
                int tab = line.indexOf('\t');
                String name = tab < 0 ? line : line.substring(0, tab);
                if (name.isEmpty() || !names.add(name)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(name));
                if (tab >= 0) {
                    out.write(line.substring(tab + 1).getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        if (!names.isEmpty()) {
            unpack(zip.toByteArray());
        }
    }

    /** Any bytes as {@code functions.json}. */
    @FuzzTest(maxDuration = "30s")
    void manifest(byte[] json) {
        Refusal refusal = BundleFuzzEntryPoints.manifest(json);
        if (refusal != null) {
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(refusal.message()).isNotBlank();
        }
    }

    private static void unpack(byte[] zip) throws IOException {
        Path sandbox = Files.createTempDirectory("fnkit-bundle-fuzz");
        try {
            Path target = sandbox.resolve("bundle");
            Refusal refusal = BundleFuzzEntryPoints.unpack(zip, target, MAX_UNPACKED);
            if (refusal != null) {
                assertThat(refusal.status()).as(refusal.message()).isIn(400, 413);
                assertThat(refusal.message()).isNotBlank();
            }
            try (Stream<Path> files = Files.walk(sandbox)) {
                for (Path file : files.toList()) {
                    assertThat(file).as("unpacked outside the bundle").satisfiesAnyOf(
                            f -> assertThat(f).isEqualTo(sandbox), f -> assertThat(f).startsWith(target));
                    assertThat(Files.isSymbolicLink(file)).as("a symbolic link %s", file).isFalse();
                }
            }
        } finally {
            delete(sandbox);
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path file : all) {
                Files.delete(file);
            }
        }
    }
}
