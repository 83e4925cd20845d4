package dev.fnkit.local.scaffold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The templates behind {@code fnkit new} and the fnkit archetype: resource files under {@code templates/}, listed in
 * {@code templates/index.txt}, whose paths and contents carry {@code {{token}}}s. A project is made from the
 * template's parts: {@code java} (the pom, the service file, the README) and the template's own sources, or
 * {@code exec} and the handler of its language.
 */
final class Scaffold {
    /**
     * An adapter a generated project packages for (a plugin dependency) and tests through (a test dependency).
     *
     * @param artifactId       the adapter's artifact
     * @param testDependencies what its emulator needs besides, as {@code groupId:artifactId:version}
     */
    record Adapter(String artifactId, List<String> testDependencies) {
        Adapter(String artifactId, String... testDependencies) {
            this(artifactId, List.of(testDependencies));
        }
    }

    /** The adapters every generated project uses; a new adapter is one more line. */
    static final List<Adapter> ADAPTERS = List.of(
            new Adapter("fnkit-aws"),
            new Adapter("fnkit-gcp"),
            new Adapter("fnkit-azure", "com.microsoft.azure.functions:azure-functions-java-library:"
                    + version("azure-functions-java-library")),
            new Adapter("fnkit-self-hosted"));

    /** Template files with this name become dot files (the build would leave a real dot file out of the jar). */
    static final String GITIGNORE = "gitignore";

    private static final String ROOT = "templates/";
    private static final Pattern TOKEN = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    private Scaffold() {
    }

    /**
     * One file of a template.
     *
     * @param path    where it goes in the project, relative, with {@code {{token}}}s (e.g. {@code {{packagePath}}})
     * @param content its text, with {@code {{token}}}s
     */
    record TemplateFile(String path, String content) {
        /** Scripts are made executable. */
        boolean executable() {
            return path.endsWith(".sh") || path.endsWith(".py");
        }
    }

    /** The template parts a project is made of, in order. */
    static List<String> parts(Template template, Lang lang) {
        return template.java() ? List.of("java", template.id()) : List.of("exec", lang.part());
    }

    /** The files of these parts, in index order, with the path inside the part. */
    static List<TemplateFile> files(List<String> parts) {
        List<TemplateFile> files = new ArrayList<>();
        for (String part : parts) {
            for (String entry : index()) {
                if (entry.startsWith(part + "/")) {
                    files.add(new TemplateFile(entry.substring(part.length() + 1), resource(entry)));
                }
            }
        }
        return files;
    }

    /** Every file the templates have, as {@code <part>/<path>}. */
    static List<String> index() {
        return resource("index.txt").lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** The values of every token for this project. */
    static Map<String, String> tokens(Project project) {
        Map<String, String> tokens = new LinkedHashMap<>(project.tokens());
        tokens.putAll(fixedTokens());
        return tokens;
    }

    /**
     * The tokens this build fixes: the adapters as pom XML ({@code adapterTestDependencies},
     * {@code adapterPluginDependencies}) and the pinned {@code junitVersion}.
     */
    static Map<String, String> fixedTokens() {
        List<String> test = new ArrayList<>();
        List<String> plugin = new ArrayList<>();
        for (Adapter adapter : ADAPTERS) {
            String coordinates = coordinates("dev.fnkit", adapter.artifactId(), "${fnkit.version}");
            test.add("    <dependency>" + coordinates + "<scope>test</scope></dependency>");
            plugin.add("          <dependency>" + coordinates + "</dependency>");
            for (String dependency : adapter.testDependencies()) {
                String[] gav = dependency.split(":");
                test.add("    <dependency>" + coordinates(gav[0], gav[1], gav[2]) + "<scope>test</scope></dependency>");
            }
        }
        return Map.of("adapterTestDependencies", String.join("\n", test),
                "adapterPluginDependencies", String.join("\n", plugin), "junitVersion", version("junit"));
    }

    private static String coordinates(String groupId, String artifactId, String version) {
        return "<groupId>" + groupId + "</groupId><artifactId>" + artifactId + "</artifactId><version>" + version
                + "</version>";
    }

    /** A version this build pins for generated projects, from {@code versions.properties}. */
    static String version(String name) {
        try (InputStream in = Scaffold.class.getResourceAsStream("versions.properties")) {
            Properties versions = new Properties();
            if (in != null) {
                versions.load(in);
            }
            String version = versions.getProperty(name, "");
            if (version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException("fnkit was built without the version of " + name);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces every {@code {{token}}}.
     *
     * @throws IllegalStateException for a token that has no value
     */
    static String render(String text, Map<String, String> tokens) {
        Matcher matcher = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (matcher.find()) {
            String value = tokens.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("the template uses {{" + matcher.group(1) + "}}, which has no value");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    /** Where a template file goes in the project, its tokens replaced. */
    static String projectPath(TemplateFile file, Map<String, String> tokens) {
        String path = render(file.path(), tokens);
        int slash = path.lastIndexOf('/');
        return path.substring(slash + 1).equals(GITIGNORE) ? path.substring(0, slash + 1) + "." + GITIGNORE : path;
    }

    /**
     * Writes the project into {@code dir}, which must not exist or be empty.
     *
     * @return the files written, in order
     * @throws IllegalArgumentException when {@code dir} holds files already
     */
    static List<Path> write(Project project, Path dir) throws IOException {
        if (Files.isRegularFile(dir) || Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new IllegalArgumentException(dir + " already exists and is not empty; choose another --dir");
        }
        Map<String, String> tokens = tokens(project);
        List<Path> written = new ArrayList<>();
        for (TemplateFile file : files(parts(project.template(), project.lang()))) {
            Path target = dir.resolve(projectPath(file, tokens));
            Files.createDirectories(target.getParent());
            Files.writeString(target, render(file.content(), tokens), StandardCharsets.UTF_8);
            if (file.executable()) {
                makeExecutable(target);
            }
            written.add(target);
        }
        return written;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    static void makeExecutable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            if (!file.toFile().setExecutable(true, false)) {
                throw new IOException("cannot make " + file + " executable");
            }
        }
    }

    private static String resource(String path) {
        try (InputStream in = Scaffold.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("the template file " + ROOT + path + " is missing from fnkit");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
