package dev.fnkit.local.packaging;

import dev.fnkit.local.TestAppCompiler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Application jars compiled at test time, with {@link TestAppCompiler}. */
final class TestApps {
    private TestApps() {
    }

    /**
     * Compiles the sources (fully qualified class name to source) into {@code <jarName>.jar} in {@code work},
     * listing {@code appClass}, if not null, as its {@code FunctionApp}.
     */
    static Path jar(Path work, String jarName, Map<String, String> sources, String appClass) throws IOException {
        Path classes = work.resolve(jarName + "-classes");
        TestAppCompiler.compile(classes, sources);
        if (appClass != null) {
            TestAppCompiler.declare(classes, appClass);
        }
        return TestAppCompiler.jar(classes, work.resolve(jarName + ".jar"), name -> false);
    }
}
