package dev.fnkit.core;

import dev.fnkit.api.Body;
import dev.fnkit.api.FunctionApp;
import dev.fnkit.api.Functions;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.api.Primer;
import dev.fnkit.api.Provider;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationTest {
    @Test
    void discoversAppsWithServiceLoader() {
        Application app = Application.load(getClass().getClassLoader());
        assertThat(app.apps()).singleElement().isInstanceOf(TestFunctions.class);
        assertThat(app.function("greet")).isPresent();
        assertThat(app.function("missing")).isEmpty();
    }

    @Test
    void loadsTheAppClassesThePackagerNamedWithoutServiceLoader() {
        ClassLoader noServices = new URLClassLoader(new URL[0], getClass().getClassLoader()) {
            @Override
            public java.util.Enumeration<URL> getResources(String name) {
                throw new AssertionError("looked for " + name);
            }
        };
        Application app = Application.load(noServices, " " + TestFunctions.class.getName() + " ,");
        assertThat(app.apps()).singleElement().isInstanceOf(TestFunctions.class);
        assertThat(Application.load(getClass().getClassLoader(), " ").apps()).singleElement()
                .isInstanceOf(TestFunctions.class);
        assertThatThrownBy(() -> Application.load(noServices, "com.example.Missing"))
                .isInstanceOf(DeclarationException.class).hasMessageContaining("FNKIT_APP names com.example.Missing");
        assertThatThrownBy(() -> Application.load(noServices, String.class.getName()))
                .isInstanceOf(DeclarationException.class).hasMessageContaining("does not implement");
    }

    @Test
    void noAppIsAClearError() {
        ClassLoader empty = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
        assertThatThrownBy(() -> Application.load(empty)).isInstanceOf(DeclarationException.class)
                .hasMessageContaining("META-INF/services/dev.fnkit.api.FunctionApp");
    }

    @Test
    void selectPicksTheNamedOrOnlyFunction() {
        Application many = Application.load(getClass().getClassLoader());
        assertThat(many.select("greet").name()).isEqualTo("greet");
        assertThatThrownBy(() -> many.select(null)).hasMessageContaining("FNKIT_FUNCTION")
                .hasMessageContaining("greet");
        assertThatThrownBy(() -> many.select("nope")).hasMessageContaining("FNKIT_FUNCTION=nope");
        Application one = Application.of(f -> f.typed("only", String.class, (in, c) -> in));
        assertThat(one.select("").name()).isEqualTo("only");
    }

    @Test
    void initializeRunsOnceAndPrimeInvokesFunctions() throws Exception {
        List<String> calls = new ArrayList<>();
        FunctionApp app = new FunctionApp() {
            @Override
            public void register(Functions functions) {
                functions.http("page", (r, c) -> {
                    calls.add("page " + r.pathParameter("id").orElse("-"));
                    return HttpResponse.text("ok");
                }).route("GET", "/page/{id}");
                functions.typed("echo", String.class, (in, c) -> {
                    calls.add("echo " + in);
                    return in;
                });
                functions.queue("work", "work-queue", String.class, (e, c) -> calls.add("work " + e.data()));
            }

            @Override
            public void initialize() {
                calls.add("init");
            }

            @Override
            public void prime(Primer primer) throws Exception {
                assertThat(primer.http("page", HttpRequest.builder("GET", "/page/3").build()).status())
                        .isEqualTo(200);
                assertThat(primer.typed("echo", "hi")).isEqualTo(Body.of("\"hi\""));
                primer.event("work", "job");
            }
        };
        Application application = Application.of(app);
        application.initialize();
        application.initialize();
        application.prime(Provider.LOCAL);
        assertThat(calls).containsExactly("init", "page 3", "echo hi", "work job");
    }
}
