package dev.fnkit.local.scaffold;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ArchetypeExportTest {
    @TempDir
    Path out;

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).map(f -> out.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    void writesEveryJavaTemplateUnderItsOwnFolderAndOnePom() throws IOException {
        ArchetypeExport.write(out, "9.9.9");

        List<String> files = files();
        assertThat(files).contains("META-INF/maven/archetype-metadata.xml", "archetype-resources/pom.xml",
                "archetype-resources/fnkit-templates/queue/src/main/java/Handler.java",
                "archetype-resources/fnkit-templates/queue/src/test/java/HandlerTest.java",
                "archetype-resources/fnkit-templates/queue/__gitignore__",
                "archetype-resources/fnkit-templates/queue/src/main/resources/META-INF/services/"
                        + "dev.fnkit.api.FunctionApp");
        for (Template template : Template.values()) {
            assertThat(files.stream().anyMatch(f -> f.contains("/fnkit-templates/" + template.id() + "/")))
                    .as(template.id()).isEqualTo(template.java());
        }
        String metadata = Files.readString(out.resolve("META-INF/maven/archetype-metadata.xml"));
        assertThat(metadata).contains("<validationRegex>^(http|typed|queue|storage|schedule|topic)$</validationRegex>",
                "<directory>fnkit-templates/http/src/main/java</directory>",
                "<directory>fnkit-templates/http/src/test/java</directory>",
                "<directory>fnkit-templates/http</directory>");
    }

    @Test
    void onlyTheArchetypesOwnReferencesAreLeftForVelocity() throws IOException {
        ArchetypeExport.write(out, "9.9.9");

        for (String file : files()) {
            String content = Files.readString(out.resolve(file));
            if (file.startsWith("META-INF/")) {
                continue;
            }
            String body = content.startsWith(ArchetypeExport.VELOCITY_HEADER)
                    ? content.substring(ArchetypeExport.VELOCITY_HEADER.length()) : content;
            String rest = body.replaceAll("\\$\\{(groupId|artifactId|version|package|functionName|symbol_dollar|"
                    + "symbol_pound)}", "");
            assertThat(rest).as(file).doesNotContain("$", "#", "{{");
            assertThat(body.contains("${symbol_")).as(file).isEqualTo(content.startsWith(ArchetypeExport.VELOCITY_HEADER));
        }
        String pom = Files.readString(out.resolve("archetype-resources/pom.xml"));
        assertThat(pom).startsWith(ArchetypeExport.VELOCITY_HEADER + "<?xml")
                .contains("<groupId>${groupId}</groupId>", "<fnkit.version>9.9.9</fnkit.version>",
                        "<version>${symbol_dollar}{fnkit.version}</version>");
        assertThat(Files.readString(out.resolve("archetype-resources/fnkit-templates/typed/src/main/java/App.java")))
                .startsWith("package ${package};").contains("functions.typed(\"${functionName}\"");
    }
}
