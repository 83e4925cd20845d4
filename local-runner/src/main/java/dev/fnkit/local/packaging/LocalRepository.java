package dev.fnkit.local.packaging;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local Maven repository as Maven finds it: {@code -Dmaven.repo.local} given to the CLI itself, else in
 * {@code MAVEN_ARGS} or {@code MAVEN_OPTS}, else {@code <localRepository>} of {@code ~/.m2/settings.xml}, else
 * {@code ~/.m2/repository}; with the read-only repositories of {@code maven.repo.local.tail}, looked in after it.
 *
 * @param root       where Maven installs
 * @param tail       read-only repositories looked in after it
 * @param setOnlyHere true when the CLI's own system property chose {@code root}, which a Maven build does not see
 */
public record LocalRepository(Path root, List<Path> tail, boolean setOnlyHere) {
    private static final String PROPERTY = "maven.repo.local";
    private static final String TAIL = "maven.repo.local.tail";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(env\\.)?([^}]+)}");

    /** Copies the list. */
    public LocalRepository {
        tail = List.copyOf(tail);
    }

    /** The repository of this process: its system properties, environment and {@code user.home}. */
    public static LocalRepository current() {
        return locate(System::getProperty, System::getenv);
    }

    /**
     * The repository that these system properties and environment variables choose.
     *
     * @param properties system properties by name
     * @param env        environment variables by name
     */
    static LocalRepository locate(Function<String, String> properties, Function<String, String> env) {
        Path home = Path.of(properties.apply("user.home"));
        String own = properties.apply(PROPERTY);
        String fromArgs = option(env.apply("MAVEN_ARGS"), PROPERTY).or(() -> option(env.apply("MAVEN_OPTS"), PROPERTY))
                .orElse(null);
        String tail = Optional.ofNullable(properties.apply(TAIL)).or(() -> option(env.apply("MAVEN_ARGS"), TAIL))
                .or(() -> option(env.apply("MAVEN_OPTS"), TAIL)).orElse("");
        List<Path> tails = new ArrayList<>();
        for (String entry : tail.split(",")) {
            if (!entry.isBlank()) {
                tails.add(Path.of(entry.strip()).toAbsolutePath().normalize());
            }
        }
        if (own != null && !own.isBlank()) {
            return new LocalRepository(Path.of(own).toAbsolutePath().normalize(), tails, fromArgs == null
                    || !Path.of(fromArgs).toAbsolutePath().normalize().equals(Path.of(own).toAbsolutePath().normalize()));
        }
        String chosen = fromArgs != null ? fromArgs
                : settingsRepository(home.resolve(".m2/settings.xml"), properties, env).orElse(null);
        Path root = chosen == null || chosen.isBlank() ? home.resolve(".m2/repository") : Path.of(chosen);
        return new LocalRepository(root.toAbsolutePath().normalize(), tails, false);
    }

    /** The jar in this repository or its tail, if it is there. */
    Optional<Path> find(ArtifactCoordinates artifact) {
        Path relative = artifact.path();
        List<Path> places = new ArrayList<>(tail.size() + 1);
        places.add(root);
        places.addAll(tail);
        for (Path place : places) {
            Path jar = place.resolve(relative);
            if (Files.isRegularFile(jar)) {
                return Optional.of(jar);
            }
        }
        return Optional.empty();
    }

    /** Where it is, for messages: the root and the tail, if any. */
    String describe() {
        return tail.isEmpty() ? root.toString() : root + " (tail " + tail + ")";
    }

    /** The value of {@code -Dname=value} (or {@code -D name=value}) in a command line, quotes removed. */
    static Optional<String> option(String commandLine, String name) {
        if (commandLine == null) {
            return Optional.empty();
        }
        String found = null;
        List<String> words = words(commandLine);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("-D") && i + 1 < words.size()) {
                word = "-D" + words.get(++i);
            }
            if (word.startsWith("-D" + name + "=")) {
                found = word.substring(name.length() + 3);
            }
        }
        return Optional.ofNullable(found);
    }

    private static List<String> words(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : commandLine.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** {@code <localRepository>} of a settings file, with {@code ${user.home}} and {@code ${env.X}} filled in. */
    static Optional<String> settingsRepository(Path settings, Function<String, String> properties,
                                               Function<String, String> env) {
        if (!Files.isRegularFile(settings)) {
            return Optional.empty();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(settings.toFile());
            NodeList nodes = document.getDocumentElement().getElementsByTagName("localRepository");
            if (nodes.getLength() == 0 || nodes.item(0).getTextContent().isBlank()) {
                return Optional.empty();
            }
            Matcher matcher = PLACEHOLDER.matcher(nodes.item(0).getTextContent().strip());
            StringBuilder value = new StringBuilder();
            while (matcher.find()) {
                String replacement = matcher.group(1) != null ? env.apply(matcher.group(2))
                        : properties.apply(matcher.group(2));
                matcher.appendReplacement(value, Matcher.quoteReplacement(
                        replacement == null ? matcher.group() : replacement));
            }
            matcher.appendTail(value);
            return Optional.of(value.toString());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return Optional.empty();
        }
    }
}
