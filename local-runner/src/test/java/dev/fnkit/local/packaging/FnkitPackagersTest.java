package dev.fnkit.local.packaging;

import dev.fnkit.core.Packager;
import dev.fnkit.local.TestAppCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FnkitPackagersTest {
    private static final String LISTING = """

            The following files have been resolved:
               dev.fnkit:fnkit-core:jar:9.9:compile -- module fnkit.core (auto)
               org.example:helper:jar:1.0:runtime -- module helper (auto)
               io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.115.Final:compile -- module x [auto]
               org.example:docs:zip:1.0:compile
            """;

    @TempDir
    Path temp;

    @Test
    void loadsATargetsPackagerFromTheRepositoryInALoaderOfItsOwnWithTheJarsItShips() throws Exception {
        Path repository = temp.resolve("repository");
        Path tail = temp.resolve("tail");
        Path adapter = adapterJar(repository, "aws", LISTING);
        Path core = jar(repository, "dev/fnkit/fnkit-core/9.9/fnkit-core-9.9.jar");
        Path helper = jar(tail, "org/example/helper/1.0/helper-1.0.jar");
        Path epoll = jar(tail, "io/netty/netty-transport-native-epoll/4.1.115.Final/"
                + "netty-transport-native-epoll-4.1.115.Final-linux-x86_64.jar");

        try (FnkitPackagers packagers = new FnkitPackagers(new LocalRepository(repository, List.of(tail), false),
                "9.9", getClass().getClassLoader())) {
            Packager packager = packagers.load("aws");

            assertThat(packager.target()).isEqualTo("aws");
            assertThat(packager.getClass().getClassLoader().getName()).isEqualTo("fnkit-packager-aws");
            assertThat(packager.getClass().getClassLoader().getParent()).isSameAs(getClass().getClassLoader());
            assertThat(packagers.loaded(packager)).isTrue();
            assertThat(packagers.of(packager)).containsExactly(adapter, core, helper, epoll);
            assertThat(packagers.loaded(new StubPackager())).isFalse();
        }
    }

    @Test
    void aMissingAdapterOrDependencyIsOneLineWithTheCommandThatInstallsIt() throws Exception {
        Path repository = temp.resolve("repository");
        FnkitPackagers packagers = new FnkitPackagers(new LocalRepository(repository, List.of(), false), "9.9",
                getClass().getClassLoader());

        assertThatThrownBy(() -> packagers.load("gcp")).isInstanceOf(PackagingFailure.class)
                .hasMessage("dev.fnkit:fnkit-gcp:9.9, the gcp packager, is not in the local Maven repository "
                        + repository + ": install it from a fnkit checkout with `./mvnw install -pl adapters/gcp -am"
                        + " -DskipTests`, or leave gcp out with --targets");

        adapterJar(repository, "aws", LISTING);
        jar(repository, "dev/fnkit/fnkit-core/9.9/fnkit-core-9.9.jar");
        FnkitPackagers onlyHere = new FnkitPackagers(new LocalRepository(repository, List.of(), true), "9.9",
                getClass().getClassLoader());
        assertThatThrownBy(() -> onlyHere.load("aws")).isInstanceOf(PackagingFailure.class)
                .hasMessage("org.example:helper:1.0 (and 1 more), which the aws packager needs, is not in the local"
                        + " Maven repository " + repository + ": install it from a fnkit checkout with `./mvnw install"
                        + " -pl adapters/aws -am -DskipTests -Dmaven.repo.local=" + repository + "`, or leave aws"
                        + " out with --targets");
    }

    @Test
    void anAdapterBuiltWithoutItsListingIsToldToBeReinstalled() throws Exception {
        Path repository = temp.resolve("repository");
        Path adapter = adapterJar(repository, "azure", null);
        FnkitPackagers packagers = new FnkitPackagers(new LocalRepository(repository, List.of(), false), "9.9",
                getClass().getClassLoader());

        assertThatThrownBy(() -> packagers.load("azure")).isInstanceOf(PackagingFailure.class)
                .hasMessage(adapter + " does not list its runtime dependencies (META-INF/fnkit/runtime-dependencies"
                        + ".txt; it was built by an older fnkit): reinstall it with `./mvnw install -pl adapters/azure"
                        + " -am -DskipTests`");
        assertThat(FnkitPackagers.targetNames()).containsExactly("aws", "azure", "gcp", "self-hosted", "kubernetes");
    }

    /** fnkit-TARGET-9.9.jar with a packager for the target and, unless null, the listing. */
    private Path adapterJar(Path repository, String target, String listing) throws Exception {
        Path classes = temp.resolve(target + "-classes");
        TestAppCompiler.compile(classes, Map.of("adapter.Packs", """
                package adapter;
                public final class Packs implements dev.fnkit.core.Packager {
                    public String target() { return "%s"; }
                    public void pack(dev.fnkit.core.PackagingContext context) { }
                }
                """.formatted(target)));
        Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(classes.resolve("META-INF/services/dev.fnkit.core.Packager"), "adapter.Packs\n");
        if (listing != null) {
            Files.createDirectories(classes.resolve("META-INF/fnkit"));
            Files.writeString(classes.resolve(FnkitPackagers.LISTING), listing);
        }
        return TestAppCompiler.jar(classes, repository.resolve("dev/fnkit/fnkit-" + target + "/9.9/fnkit-" + target
                + "-9.9.jar"), name -> false);
    }

    private static Path jar(Path repository, String path) throws Exception {
        Path jar = repository.resolve(path);
        Files.createDirectories(jar.getParent());
        return TestAppCompiler.jar(Files.createDirectories(jar.resolveSibling("empty")), jar, name -> false);
    }
}
