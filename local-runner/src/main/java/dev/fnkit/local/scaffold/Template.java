package dev.fnkit.local.scaffold;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The project templates of {@code fnkit new} and of the fnkit archetype. */
enum Template {
    HTTP("an HTTP function with routes", "{\"name\":\"Ada\"}"),
    TYPED("a JSON-in, JSON-out function", "{\"name\":\"Ada\"}"),
    QUEUE("a function fed by a queue, in batches with per-item failure", "{\"id\":\"o-1\",\"quantity\":2}"),
    STORAGE("a function run when an object is created in a bucket",
            "{\"bucket\":\"uploads\",\"key\":\"cat.png\",\"change\":\"CREATED\",\"size\":2048}"),
    SCHEDULE("a function run on a cron schedule", ""),
    TOPIC("a function receiving the messages published to a topic", "{\"text\":\"hello\"}"),
    EXEC("an executable (shell or Python) for the self-hosted runtime", "Ada");

    private final String description;
    private final String sampleData;

    Template(String description, String sampleData) {
        this.description = description;
        this.sampleData = sampleData;
    }

    /** The name on the command line, e.g. {@code queue}. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    String description() {
        return description;
    }

    /** What {@code fnkit invoke <name> --data} sends to a function of this template in its README. */
    String sampleData() {
        return sampleData;
    }

    /** True for the templates that make a Maven project. */
    boolean java() {
        return this != EXEC;
    }

    static Optional<Template> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst();
    }

    static List<Template> javaTemplates() {
        return Arrays.stream(values()).filter(Template::java).toList();
    }

    /** The ids, separated by {@code separator}. */
    static String ids(List<Template> templates, String separator) {
        return String.join(separator, templates.stream().map(Template::id).toList());
    }
}
