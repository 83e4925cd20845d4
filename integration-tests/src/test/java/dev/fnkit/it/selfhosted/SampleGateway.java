package dev.fnkit.it.selfhosted;

import dev.fnkit.selfhosted.Gateway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real self-hosted gateway with one sample's bundle ({@code samples/<sample>/target/fnkit/self-hosted/<sample>.zip})
 * deployed, for a test class's lifetime ({@code @RegisterExtension static}): each function runs in its own instance
 * process, on this JVM's class path without the samples, so the application comes only from the bundle.
 */
final class SampleGateway implements BeforeAllCallback, AfterAllCallback {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final String sample;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private Path work;
    private Gateway gateway;
    private List<String> functions;

    SampleGateway(String sample) {
        this.sample = sample;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        work = Files.createTempDirectory("fnkit-" + sample);
        String samples = System.getProperty("fnkit.samples.dir");
        Path bundle = Path.of(samples == null ? "samples" : samples, sample, "target", "fnkit", "self-hosted",
                sample + ".zip");
        if (!Files.isRegularFile(bundle)) {
            throw new AssertionError("No bundle at " + bundle.toAbsolutePath() + ": build it first with"
                    + " ./mvnw install -pl samples/" + sample + " -am");
        }
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        gateway = Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken(sample + "-test-token")
                .workerClasspath(runtimeClasspath())
                .workerJvmOptions(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")).out(out).log(out).start();
        functions = gateway.deploy(bundle);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static String runtimeClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("samples")).collect(Collectors.joining(File.pathSeparator));
    }

    /** The functions the bundle deployed. */
    List<String> functions() {
        return functions;
    }

    URI url(String path) {
        return gateway.url().resolve(path);
    }

    /** What the gateway and its instances printed so far. */
    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
