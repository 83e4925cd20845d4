package dev.fnkit.local.packaging;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A jar's Maven coordinates, and where it lies in a repository's layout.
 *
 * @param groupId    e.g. {@code dev.fnkit}
 * @param artifactId e.g. {@code fnkit-aws}
 * @param classifier empty for none
 * @param version    e.g. {@code 0.1.0-SNAPSHOT}
 */
record ArtifactCoordinates(String groupId, String artifactId, String classifier, String version) {
    /**
     * One line of a {@code maven-dependency-plugin:list} output, such as
     * {@code "   io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.115.Final:compile -- module ..."};
     * empty for a line that names no jar (the heading, a blank line, another type).
     */
    static Optional<ArtifactCoordinates> ofListing(String line) {
        String text = line.strip();
        int module = text.indexOf(" -- ");
        if (module >= 0) {
            text = text.substring(0, module).strip();
        }
        String[] parts = text.split(":");
        if (text.contains(" ") || parts.length < 5 || parts.length > 6 || !parts[2].equals("jar")) {
            return Optional.empty();
        }
        return Optional.of(parts.length == 5 ? new ArtifactCoordinates(parts[0], parts[1], "", parts[3])
                : new ArtifactCoordinates(parts[0], parts[1], parts[3], parts[4]));
    }

    /** The jar's path in a repository's layout, e.g. {@code dev/fnkit/fnkit-aws/1.0/fnkit-aws-1.0.jar}. */
    Path path() {
        return Path.of(groupId.replace('.', '/'), artifactId, version,
                artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar");
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + version;
    }
}
