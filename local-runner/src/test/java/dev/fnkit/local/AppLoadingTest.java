package dev.fnkit.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppLoadingTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private LocalServer server;

    @TempDir
    Path temp;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private LocalServer.Builder runner() {
        return LocalServer.builder().port(0).log(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Compiles an app of one HTTP function into a classes directory. */
    private static Path classesApp(Path classes, String pkg, String function, String method, String route,
                                   String reply) throws Exception {
        TestAppCompiler.compile(classes, Map.of(
                pkg + ".App", TestAppCompiler.httpApp(pkg, "App", function, method, route),
                pkg + ".Reply", TestAppCompiler.reply(pkg, reply)));
        TestAppCompiler.declare(classes, pkg + ".App");
        return classes;
    }

    @Test
    void loadsAnAppFromAClassesDirectory() throws Exception {
        Path classes = classesApp(temp.resolve("classes"), "testapps.dir", "hello", "GET", "/dir", "from classes");
        server = runner().app(classes).start();

        HttpResponse<String> response = send("GET", "/dir");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("from classes");
        assertThat(server.functions()).singleElement().satisfies(function -> {
            assertThat(function.name()).isEqualTo("hello");
            assertThat(function.function().getClass().getClassLoader().getName()).isEqualTo("fnkit-app-classes");
        });
    }

    @Test
    void loadsAnAppFromAJarWithTheJarsOfItsLibFolder() throws Exception {
        Path classes = classesApp(temp.resolve("build"), "testapps.jar", "hello", "GET", "/jar", "from the lib jar");
        Path jar = TestAppCompiler.jar(classes, temp.resolve("dist/shop.jar"), name -> name.endsWith("Reply.class"));
        TestAppCompiler.jar(classes, temp.resolve("dist/lib/reply.jar"), name -> !name.endsWith("Reply.class"));

        List<AppSource> sources = new AppLoader(null).resolve(jar);
        assertThat(sources).singleElement().satisfies(source -> {
            assertThat(source.name()).isEqualTo("shop");
            assertThat(source.classpath()).containsExactly(jar, temp.resolve("dist/lib/reply.jar"));
            assertThat(source.classRoots()).isEmpty();
        });
        server = runner().app(jar).start();
        assertThat(send("GET", "/jar").body()).isEqualTo("from the lib jar");
    }

    @Test
    void servesSeveralAppsAndSendsEachRequestToItsApp() throws Exception {
        Path one = classesApp(temp.resolve("one"), "testapps.one", "reader", "GET", "/shared", "one reads");
        Path two = classesApp(temp.resolve("two"), "testapps.two", "writer", "POST", "/shared", "two writes");
        server = runner().app(one).app(two).start();

        assertThat(send("GET", "/shared").body()).isEqualTo("one reads");
        assertThat(send("POST", "/shared").body()).isEqualTo("two writes");
        HttpResponse<String> notAllowed = send("DELETE", "/shared");
        assertThat(notAllowed.statusCode()).isEqualTo(405);
        assertThat(notAllowed.headers().firstValue("allow").orElseThrow()).contains("GET", "POST");
        assertThat(send("GET", "/neither").statusCode()).isEqualTo(404);
        assertThat(server.listing()).extracting(FunctionListing::app).containsExactly("one", "two");
    }

    @Test
    void aDirectoryOfAppsServesEveryAppInIt() throws Exception {
        Path apps = temp.resolve("apps");
        classesApp(apps.resolve("alpha"), "testapps.alpha", "alpha", "GET", "/alpha", "a");
        classesApp(apps.resolve("beta"), "testapps.beta", "beta", "GET", "/beta", "b");
        Files.createDirectories(apps.resolve("notes"));
        server = runner().app(apps).start();

        assertThat(send("GET", "/alpha").body()).isEqualTo("a");
        assertThat(send("GET", "/beta").body()).isEqualTo("b");
    }

    @Test
    void theSameFunctionNameInTwoAppsIsAClearError() throws Exception {
        Path one = classesApp(temp.resolve("first"), "testapps.first", "hello", "GET", "/first", "1");
        Path two = classesApp(temp.resolve("second"), "testapps.second", "hello", "GET", "/second", "2");

        assertThatThrownBy(() -> runner().app(one).app(two).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("function 'hello' is declared by app 'first'")
                .hasMessageContaining("and by app 'second'");
    }

    @Test
    void clashingRoutesInTwoAppsAreAClearError() throws Exception {
        Path one = classesApp(temp.resolve("first"), "testapps.first", "one", "GET", "/orders/{id}", "1");
        Path two = classesApp(temp.resolve("second"), "testapps.second", "two", "GET", "/orders/{id}", "2");

        assertThatThrownBy(() -> runner().app(one).app(two).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("app 'first'")
                .hasMessageContaining("app 'second'")
                .hasMessageContaining("clashing routes")
                .hasMessageContaining("'one'")
                .hasMessageContaining("'two'");
    }

    @Test
    void whatIsNotAnAppIsAClearError() throws Exception {
        assertThatThrownBy(() -> runner().app(temp.resolve("missing")).start())
                .hasMessageContaining("does not exist");
        Path text = Files.writeString(temp.resolve("notes.txt"), "hi");
        assertThatThrownBy(() -> runner().app(text).start()).hasMessageContaining("neither a jar nor a directory");
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThatThrownBy(() -> runner().app(empty).start()).hasMessageContaining("holds no app");
        Path broken = Files.createDirectories(temp.resolve("broken"));
        TestAppCompiler.declare(broken, "testapps.NoSuchApp");
        assertThatThrownBy(() -> runner().app(broken).start())
                .hasMessageContaining("app 'broken'")
                .hasMessageContaining("testapps.NoSuchApp");
    }

    @Test
    void appClassPathsLeaveOutTheRunnersFnkitJars() {
        Path lib = temp.resolve("lib");
        assertThat(AppLoader.withoutFnkitRuntime(List.of(temp.resolve("app.jar"),
                lib.resolve("fnkit-api-0.1.0.jar"), lib.resolve("fnkit-core-0.1.0.jar"),
                lib.resolve("fnkit-aws-0.1.0.jar"), lib.resolve("jackson-core-2.18.2.jar"))))
                .containsExactly(temp.resolve("app.jar"), lib.resolve("fnkit-aws-0.1.0.jar"),
                        lib.resolve("jackson-core-2.18.2.jar"));
    }
}
