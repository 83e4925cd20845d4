package dev.fnkit.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of a Markdown page, each with the {@code <!-- docs-test: ... -->} marker on the line just
 * above it, if any: {@code skip (reason)} (not run here: the reason says what covers it), {@code background TEXT}
 * (started and left running once its output shows TEXT), {@code until TEXT} (a command that never ends, stopped once
 * its output shows TEXT), {@code file PATH} (a Java block that must equal that file of
 * the project the page's commands made).
 */
final class DocBlocks {
    private static final Pattern MARKER = Pattern.compile("<!-- docs-test: (skip|background|until|file) ?(.*?) -->");

    /** The pages whose shell blocks {@link GettingStartedIT} runs, in order. */
    static final List<String> RUN_PAGES = List.of("getting-started.md", "targets/local.md", "targets/gcp.md");

    /** Every page with code blocks: README.md and the pages under docs/. */
    static final List<String> PAGES = List.of("../README.md", "getting-started.md", "api.md", "targets/local.md",
            "targets/gcp.md", "targets/aws.md", "targets/azure.md", "targets/self-hosted.md", "benchmarks.md",
            "robustness.md", "migrating.md", "kubernetes.md");

    private DocBlocks() {
    }

    /**
     * One fenced block.
     *
     * @param page     the page, relative to docs/
     * @param line     the line of its opening fence, from 1
     * @param lang     the fence's language
     * @param marker   skip, background, until, file, or null
     * @param argument what follows the marker
     * @param text     the block's lines
     */
    record Block(String page, int line, String lang, String marker, String argument, String text) {
        boolean is(String kind) {
            return kind.equals(marker);
        }

        @Override
        public String toString() {
            return page + ":" + line;
        }
    }

    /** The docs directory. */
    static Path docs() {
        return Path.of(System.getProperty("fnkit.docs", ".")).toAbsolutePath();
    }

    static List<Block> of(String page) throws IOException {
        List<String> lines = Files.readAllLines(docs().resolve(page));
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("```") || line.length() == 3) {
                continue;
            }
            String lang = line.substring(3).strip();
            Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : null;
            boolean marked = marker != null && marker.matches();
            StringBuilder text = new StringBuilder();
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).equals("```")) {
                text.append(lines.get(end)).append('\n');
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalStateException(page + ":" + (i + 1) + ": the block is not closed");
            }
            blocks.add(new Block(page, i + 1, lang, marked ? marker.group(1) : null, marked ? marker.group(2) : null,
                    text.toString()));
            i = end;
        }
        return blocks;
    }
}
