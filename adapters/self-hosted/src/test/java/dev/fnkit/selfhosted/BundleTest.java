package dev.fnkit.selfhosted;

import dev.fnkit.api.FunctionOptions;
import dev.fnkit.api.Route;
import dev.fnkit.api.Trigger;
import dev.fnkit.core.FunctionDefinition;
import dev.fnkit.core.FunctionKind;
import dev.fnkit.core.Packager;
import dev.fnkit.core.PackagingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundleTest {
    private static final String MANIFEST = """
            {"format": 1, "app": "shop", "version": "1.0",
             "functions": [{"name": "hello", "kind": "%s", "trigger": {"type": "http", "routes": []},
                            "options": {"timeoutSeconds": 5, "memoryMb": 256}}]}
            """;

    @TempDir
    Path dir;

    private BundleReader.Unpacked unpack(Map<String, byte[]> entries) throws Exception {
        String name = java.util.UUID.randomUUID().toString();
        Path zip = TestApps.zip(dir.resolve(name + ".zip"), entries);
        try (InputStream in = Files.newInputStream(zip)) {
            return new BundleReader(1 << 20, 1 << 20).unpack(in, dir.resolve(name));
        }
    }

    private static Map<String, byte[]> entries(String... namesAndContents) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            entries.put(namesAndContents[i], namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return entries;
    }

    @Test
    void aValidBundleUnpacksWithItsManifestAndJar() throws Exception {
        BundleReader.Unpacked unpacked = unpack(entries("functions.json", MANIFEST.formatted("HTTP"),
                "shop.jar", "jar", "lib/dep.jar", "dep"));
        assertThat(unpacked.appJar().getFileName().toString()).isEqualTo("shop.jar");
        assertThat(unpacked.manifest().app()).isEqualTo("shop");
        FunctionSpec hello = unpacked.manifest().functions().get(0);
        assertThat(hello.options().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(hello.options().memoryMb()).isEqualTo(256);
    }

    @Test
    void zipSlipEntriesAreRefused() {
        assertThatThrownBy(() -> unpack(entries("functions.json", MANIFEST.formatted("HTTP"),
                "../../evil.sh", "boom")))
                .hasMessage("the bundle entry '../../evil.sh' points outside the bundle (zip-slip); entries must be"
                        + " relative paths without '..'");
        assertThatThrownBy(() -> unpack(entries("/etc/passwd", "x"))).hasMessageContaining("zip-slip");
        assertThat(Files.exists(dir.resolve("evil.sh"))).isFalse();
    }

    @Test
    void aMissingManifestAnUnknownKindAndAMissingJarAreNamed() {
        assertThatThrownBy(() -> unpack(entries("shop.jar", "jar")))
                .hasMessage("the bundle has no functions.json at its top level");
        assertThatThrownBy(() -> unpack(entries("functions.json", MANIFEST.formatted("STREAMING"), "shop.jar", "j")))
                .hasMessage("function 'hello' has unknown kind 'STREAMING'; known kinds are HTTP, TYPED, EVENT, BATCH"
                        + " and EXECUTABLE");
        assertThatThrownBy(() -> unpack(entries("functions.json", MANIFEST.formatted("HTTP"))))
                .hasMessage("the bundle has no application jar at its top level, but declares JVM functions");
        assertThatThrownBy(() -> unpack(entries("functions.json", "{\"format\": 2}")))
                .hasMessage("functions.json has format 2; this fnkit reads format 1");
    }

    @Test
    void oversizeAndNonZipBundlesAreRefused() throws Exception {
        BundleReader reader = new BundleReader(100, 1000);
        assertThatThrownBy(() -> reader.checkSize(101))
                .hasMessage("the bundle is 101 bytes, over the limit of 100 bytes")
                .satisfies(e -> assertThat(((BundleException) e).status()).isEqualTo(413));
        Path big = TestApps.zip(dir.resolve("big.zip"), Map.of("functions.json", new byte[5000]));
        try (InputStream in = Files.newInputStream(big)) {
            assertThatThrownBy(() -> reader.unpack(in, dir.resolve("big")))
                    .hasMessage("the bundle unpacks to more than the limit of 1000 bytes");
        }
        try (InputStream in = new java.io.ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8))) {
            assertThatThrownBy(() -> reader.unpack(in, dir.resolve("text")))
                    .hasMessage("the bundle is not a zip archive");
        }
    }

    @Test
    void theManifestRoundTripsEveryTrigger() throws Exception {
        List<FunctionDefinition> definitions = new ArrayList<>();
        FunctionOptions options = new FunctionOptions(Duration.ofMillis(1500), 256, 1, 4, 8, Map.of("A", "b"), null);
        definitions.add(new FunctionDefinition("web", FunctionKind.HTTP,
                new Trigger.Http(List.of(new Route("GET", "/web/{id}"))), null, options, new Object()));
        definitions.add(new FunctionDefinition("orders", FunctionKind.EVENT, new Trigger.Queue("q", 10), String.class,
                options, new Object()));
        definitions.add(new FunctionDefinition("files", FunctionKind.EVENT, Trigger.storage("b",
                dev.fnkit.api.StorageChange.CREATED), String.class, options, new Object()));
        definitions.add(new FunctionDefinition("nightly", FunctionKind.EVENT, Trigger.schedule("0 2 * * *"),
                String.class, options, new Object()));
        BundleManifest manifest = BundleManifest.parse(BundleManifest.of("shop", "1", List.of("A"), definitions)
                .toJson());
        assertThat(manifest.functions()).extracting(FunctionSpec::trigger)
                .isEqualTo(definitions.stream().map(FunctionDefinition::trigger).toList());
        assertThat(manifest.functions().get(0).options().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(manifest.functions().get(0).options().environment()).isEqualTo(Map.of("A", "b"));
    }

    @Test
    void executablesRoundTripAndTheExecTemplatesManifestReads() throws Exception {
        FunctionSpec shout = new FunctionSpec("shout", FunctionKind.HTTP, true, new Trigger.Http(List.of()), null,
                FunctionOptions.DEFAULTS, List.of("handler.sh", "--loud"));
        BundleManifest manifest = BundleManifest.parse(new BundleManifest("shout", "1", List.of(), List.of(shout))
                .toJson());
        assertThat(manifest.functions()).containsExactly(shout);
        assertThat(manifest.needsJar()).isFalse();

        String template;
        try (InputStream in = dev.fnkit.local.NettyHttpServer.class.getResourceAsStream(
                "/dev/fnkit/local/scaffold/templates/exec/functions.json")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{name}}", "shout")
                    .replace("{{handler}}", "handler.sh");
        }
        FunctionSpec read = BundleManifest.parse(template.getBytes(StandardCharsets.UTF_8)).functions().get(0);
        assertThat(read.executable()).isTrue();
        assertThat(read.command()).containsExactly("handler.sh");
        assertThat(List.of(read.options().memoryMb(), read.options().maxInstances())).containsExactly(128, 10);
    }

    @Test
    void thePackagerIsFoundAndWritesADeployableBundle() throws Exception {
        Packager packager = ServiceLoader.load(Packager.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.target().equals("self-hosted")).findFirst().orElseThrow();
        Path appJar = Files.writeString(dir.resolve("shop-1.0.jar"), "jar");
        Path dep = Files.writeString(dir.resolve("dep-2.jar"), "dep");
        Path api = Files.writeString(dir.resolve("fnkit-api-0.1.0.jar"), "api");
        FunctionDefinition hello = new FunctionDefinition("hello", FunctionKind.HTTP, new Trigger.Http(List.of()),
                null, FunctionOptions.DEFAULTS, new Object());
        List<String> lines = new ArrayList<>();
        packager.pack(new PackagingContext("Shop", "1.0", List.of(hello), List.of("com.example.ShopApp"), appJar,
                List.of(dep, api), dir.resolve("out"), Map.of(), lines::add));
        Path bundle = dir.resolve("out/shop.zip");
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName).toList())
                    .containsExactly("functions.json", "shop-1.0.jar", "lib/dep-2.jar");
        }
        try (InputStream in = Files.newInputStream(bundle)) {
            BundleReader.Unpacked unpacked = new BundleReader(1 << 20, 1 << 20).unpack(in, dir.resolve("unpacked"));
            assertThat(unpacked.manifest().appClasses()).containsExactly("com.example.ShopApp");
        }
        assertThat(lines).singleElement().asString().contains("shop.zip");
    }
}
