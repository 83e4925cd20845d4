package dev.fnkit.maven;

import dev.fnkit.local.packaging.PackageRun;
import dev.fnkit.selfhosted.Gateway;
import dev.fnkit.selfhosted.SelfHostedPackager;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code fnkit:deploy} against a real self-hosted gateway, with a bundle the real self-hosted packager wrote. */
class DeployMojoTest {
    private static final String TOKEN = "deploy-test-token";

    @TempDir
    Path work;

    private Gateway gateway;

    @BeforeEach
    void start() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        gateway = Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken(TOKEN).prestartedWorkers(0)
                .out(quiet).log(quiet).start();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void uploadsThePackagedBundleAndUpdatesItOnTheNextDeploy() throws Exception {
        Path out = packageShop();
        DeployMojo mojo = mojo(out, Map.of(DeployMojo.URL_ENV, gateway.url().toString(),
                DeployMojo.TOKEN_ENV, TOKEN));

        mojo.execute();

        assertThat(gateway.functions()).containsExactly("hello");
        assertThat(adminGet("/system/function/hello")).contains("\"image\":\"shop:1\"");

        mojo.execute();

        assertThat(adminGet("/system/function/hello")).contains("\"image\":\"shop:2\"");
    }

    @Test
    void theTokenComesFromTheDataDirectoryWhenNotGiven() throws Exception {
        Path out = packageShop();
        DeployMojo mojo = mojo(out, Map.of(DeployMojo.URL_ENV, gateway.url().toString()));
        Path dataDir = Files.createDirectories(work.resolve("client-data"));
        Files.writeString(dataDir.resolve(DeployMojo.TOKEN_FILE), TOKEN + "\n");
        set(mojo, "dataDir", dataDir.toFile());

        mojo.execute();

        assertThat(gateway.functions()).containsExactly("hello");
    }

    @Test
    void aWrongTokenIsABuildFailureSayingSo() throws Exception {
        Path out = packageShop();
        DeployMojo mojo = mojo(out, Map.of(DeployMojo.URL_ENV, gateway.url().toString()));
        set(mojo, "token", "wrong");

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("answered 401 (wrong admin token)")
                .hasMessageContaining("Authorization: Bearer <token>");
        assertThat(gateway.functions()).isEmpty();
    }

    @Test
    void aRejectedBundleFailsWithTheRuntimesReason() throws Exception {
        Path bundle = Files.writeString(work.resolve("broken.zip"), "not a zip");
        DeployMojo mojo = mojo(work.resolve("target/fnkit"), Map.of(DeployMojo.TOKEN_ENV, TOKEN));
        set(mojo, "url", gateway.url().toString());
        set(mojo, "bundle", bundle.toFile());

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("fnkit deploy: the runtime at " + gateway.url() + "/ answered 4");
    }

    @Test
    void withoutABundleItSaysToPackageFirst() throws Exception {
        DeployMojo mojo = mojo(work.resolve("target/fnkit"), Map.of(DeployMojo.TOKEN_ENV, TOKEN));

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("no bundle in").hasMessageContaining("mvn package fnkit:deploy");
    }

    private Path packageShop() throws Exception {
        Path jar = TestApps.jar(work, "shop", Map.of("shop.App", """
                package shop;
                public final class App implements dev.fnkit.api.FunctionApp {
                    public void register(dev.fnkit.api.Functions functions) {
                        functions.http("hello", (request, context) -> dev.fnkit.api.HttpResponse.text("hi"));
                    }
                }
                """), "shop.App");
        Path out = work.resolve("target/fnkit");
        new PackageRun(getClass().getClassLoader(), packager -> List.of(), line -> { })
                .run(new PackageRun.Request("shop", "1.0", jar, List.of(TestApps.apiLocation()), List.of(), out,
                        Set.of(), Map.of()), List.of(new SelfHostedPackager()));
        return out;
    }

    private String adminGet(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gateway.url() + path)).header("authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().replace(" ", "");
    }

    private static DeployMojo mojo(Path outputDirectory, Map<String, String> environment) throws Exception {
        DeployMojo mojo = new DeployMojo();
        set(mojo, "outputDirectory", outputDirectory.toFile());
        set(mojo, "environment", environment);
        return mojo;
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value instanceof File file ? file : value);
    }
}
