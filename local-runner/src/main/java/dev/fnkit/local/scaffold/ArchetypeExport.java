package dev.fnkit.local.scaffold;

import dev.fnkit.local.FnkitCli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the Java templates as the content of the fnkit Maven archetype, so that {@code mvn archetype:generate} and
 * {@code fnkit new} make the same projects from the same files. The fnkit-archetype module runs it while building.
 *
 * <p>The archetype renders with Velocity: the user's values become {@code ${groupId}}, {@code ${artifactId}},
 * {@code ${version}}, {@code ${package}} and {@code ${functionName}}; the fnkit version and the adapters are fixed
 * now; any other {@code $} or {@code #} is escaped. Every template's files go to
 * {@code archetype-resources/fnkit-templates/<template>/}, and {@code META-INF/archetype-post-generate.groovy}
 * (kept in the archetype module) moves the chosen template's files into place.
 */
public final class ArchetypeExport {
    static final String TEMPLATES_DIR = "fnkit-templates";
    static final String VELOCITY_HEADER = "#set( $symbol_pound = '#' )\n#set( $symbol_dollar = '$' )\n";
    private static final String PACKAGE_PATH = "{{packagePath}}/";
    private static final String RESOURCES = "archetype-resources/";

    private ArchetypeExport() {
    }

    /**
     * Writes the archetype's resources.
     *
     * @param args the output directory (it becomes the root of the archetype jar)
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ArchetypeExport <output directory>");
        }
        write(Path.of(args[0]), FnkitCli.version());
    }

    /** Writes the archetype's resources into {@code out} for projects using this fnkit version. */
    static void write(Path out, String fnkitVersion) throws IOException {
        Set<String> packagedDirs = new LinkedHashSet<>();
        Set<String> plainDirs = new LinkedHashSet<>();
        for (Template template : Template.javaTemplates()) {
            Map<String, String> tokens = tokens(template, fnkitVersion);
            String root = TEMPLATES_DIR + "/" + template.id() + "/";
            for (Scaffold.TemplateFile file : Scaffold.files(Scaffold.parts(template, null))) {
                String content = velocity(file.content(), tokens);
                if (file.path().equals("pom.xml")) {
                    writeFile(out.resolve(RESOURCES + "pom.xml"), content);
                    continue;
                }
                String path = file.path();
                int packaged = path.indexOf(PACKAGE_PATH);
                if (packaged >= 0) {
                    packagedDirs.add(root + path.substring(0, packaged - 1));
                    path = path.substring(0, packaged) + path.substring(packaged + PACKAGE_PATH.length());
                } else {
                    plainDirs.add(root.substring(0, root.length() - 1));
                }
                if (path.equals(Scaffold.GITIGNORE) || path.endsWith("/" + Scaffold.GITIGNORE)) {
                    path = path.substring(0, path.length() - Scaffold.GITIGNORE.length()) + "__gitignore__";
                }
                writeFile(out.resolve(RESOURCES + root + path), content);
            }
        }
        writeFile(out.resolve("META-INF/maven/archetype-metadata.xml"), metadata(packagedDirs, plainDirs));
    }

    /** The token values for the archetype: Velocity references for the user's values, the rest fixed. */
    static Map<String, String> tokens(Template template, String fnkitVersion) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("name", "${functionName}");
        tokens.put("groupId", "${groupId}");
        tokens.put("artifactId", "${artifactId}");
        tokens.put("version", "${version}");
        tokens.put("package", "${package}");
        tokens.put("template", template.id());
        tokens.put("fnkitVersion", escape(fnkitVersion));
        tokens.put("sampleData", escape(template.sampleData()));
        Scaffold.fixedTokens().forEach((name, value) -> tokens.put(name, escape(value)));
        return tokens;
    }

    /** A template's text for Velocity: its own {@code $} and {@code #} escaped, then its tokens replaced. */
    static String velocity(String content, Map<String, String> tokens) {
        String rendered = Scaffold.render(escape(content), tokens);
        return rendered.contains("${symbol_") ? VELOCITY_HEADER + rendered : rendered;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '$') {
                out.append("${symbol_dollar}");
            } else if (c == '#') {
                out.append("${symbol_pound}");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String metadata(Set<String> packagedDirs, Set<String> plainDirs) {
        StringBuilder sets = new StringBuilder();
        for (String dir : packagedDirs) {
            sets.append("""
                        <fileSet filtered="true" packaged="true" encoding="UTF-8">
                          <directory>%s</directory>
                          <includes><include>**/*</include></includes>
                        </fileSet>
                    """.formatted(dir));
        }
        for (String dir : plainDirs) {
            sets.append("""
                        <fileSet filtered="true" encoding="UTF-8">
                          <directory>%s</directory>
                          <includes><include>**/*</include></includes>
                          <excludes><exclude>src/main/java/**</exclude><exclude>src/test/java/**</exclude></excludes>
                        </fileSet>
                    """.formatted(dir));
        }
        List<Template> templates = Template.javaTemplates();
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by dev.fnkit.local.scaffold.ArchetypeExport from the templates of fnkit new. -->
                <archetype-descriptor xmlns="http://maven.apache.org/plugins/maven-archetype-plugin/archetype-descriptor/1.1.0"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://maven.apache.org/plugins/maven-archetype-plugin/archetype-descriptor/1.1.0 https://maven.apache.org/xsd/archetype-descriptor-1.1.0.xsd"
                    name="fnkit">
                  <requiredProperties>
                    <requiredProperty key="template">
                      <defaultValue>%s</defaultValue>
                      <validationRegex>^(%s)$</validationRegex>
                    </requiredProperty>
                    <requiredProperty key="functionName">
                      <defaultValue>${artifactId}</defaultValue>
                      <validationRegex>^%s$</validationRegex>
                    </requiredProperty>
                    <requiredProperty key="version">
                      <defaultValue>%s</defaultValue>
                    </requiredProperty>
                    <requiredProperty key="package">
                      <defaultValue>${groupId}</defaultValue>
                    </requiredProperty>
                    <requiredProperty key="gitignore">
                      <defaultValue>.gitignore</defaultValue>
                    </requiredProperty>
                  </requiredProperties>
                  <fileSets>
                %s  </fileSets>
                </archetype-descriptor>
                """.formatted(Template.HTTP.id(), Template.ids(templates, "|"), Project.NAME.pattern(),
                Project.DEFAULT_VERSION, sets);
    }

    private static void writeFile(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
