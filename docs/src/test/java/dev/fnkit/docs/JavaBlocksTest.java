package dev.fnkit.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles the Java blocks of every page, each page's blocks together, against this module's test class path
 * (fnkit-api, fnkit-local-runner, JUnit), and checks that every shell block is either run by
 * {@link GettingStartedIT}, {@link SelfHostedPageIT} or {@link ReadmeSamplesIT} or marked with why it is not.
 */
class JavaBlocksTest {
    private static final Pattern TYPE = Pattern.compile(
            "^(?:public )?(?:final |abstract )?(?:class|record|interface|enum) (\\w+)", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    @TempDir
    Path temp;

    @Test
    void everyJavaBlockCompiles() throws Exception {
        int compiled = 0;
        for (String page : DocBlocks.PAGES) {
            List<String> files = new ArrayList<>();
            Path src = temp.resolve(page.replaceAll("[^A-Za-z0-9]", "_"));
            for (DocBlocks.Block block : DocBlocks.of(page)) {
                if (!block.lang().equals("java") || block.is("file")) {
                    continue;
                }
                Matcher type = TYPE.matcher(block.text());
                assertThat(type.find()).as(block + " declares no type").isTrue();
                Matcher pkg = PACKAGE.matcher(block.text());
                Path dir = pkg.find() ? src.resolve(pkg.group(1).replace('.', '/')) : src;
                Path file = dir.resolve(type.group(1) + ".java");
                assertThat(file).as(block + " repeats a type name of its page").doesNotExist();
                Files.createDirectories(dir);
                Files.writeString(file, block.text());
                files.add(file.toString());
            }
            if (files.isEmpty()) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of("-d", temp.resolve("classes").resolve(src.getFileName())
                    .toString(), "--release", "17", "-proc:none", "-Xlint:all,-path,-processing", "-Werror", "-cp",
                    System.getProperty("java.class.path")));
            args.addAll(files);
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int status = javac.run(null, OutputStream.nullOutputStream(),
                    new PrintStream(errors, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
            assertThat(status).as("the Java blocks of " + page + " compile:\n" + errors.toString(StandardCharsets.UTF_8))
                    .isZero();
            compiled += files.size();
        }
        assertThat(compiled).isGreaterThanOrEqualTo(12);
    }

    @Test
    void everyShellBlockRunsOrSaysWhyNot() throws Exception {
        for (String page : DocBlocks.PAGES) {
            List<DocBlocks.Block> blocks = DocBlocks.of(page);
            for (int i = 0; i < blocks.size(); i++) {
                DocBlocks.Block block = blocks.get(i);
                boolean setUpCommands = page.equals("../README.md") && i == 0;
                if (!block.lang().equals("sh") || setUpCommands) {
                    continue;
                }
                boolean run = DocBlocks.RUN_PAGES.contains(page) || page.equals(SelfHostedPageIT.PAGE)
                        || page.equals(ReadmeSamplesIT.PAGE);
                assertThat(run || block.is("skip"))
                        .as(block + ": a shell block on a page no test runs needs a docs-test: skip marker").isTrue();
                if (block.is("skip")) {
                    assertThat(block.argument()).as(block + ": say why it is skipped").matches("\\(.+\\)");
                }
            }
        }
    }
}
